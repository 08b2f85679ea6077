using System.Collections;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Domain;

namespace Feedback.Api.Features.Assignments;

/// <summary>What a generation run did. Tokens are those of the new assignments, shown only here.</summary>
/// <param name="Created">Assignments created by this call.</param>
/// <param name="SkippedExisting">Pairs the org chart asked for that the cycle already had (kept as they are).</param>
/// <param name="Assignments">The new assignments, by subject then rater externalId, each with its rater token.</param>
/// <param name="CappedRaters">Raters who reached maxAssignmentsPerRater, with how many pairs they were left out of.</param>
/// <param name="CappedSubjects">Subjects with more peers than maxPeersPerSubject allowed.</param>
public sealed record AssignmentsGenerated(
    int Created, int SkippedExisting, IReadOnlyList<GeneratedAssignment> Assignments,
    IReadOnlyList<RaterAtCap> CappedRaters, IReadOnlyList<SubjectAtPeerCap> CappedSubjects);

/// <summary>A new assignment; <c>raterToken</c> (fbr_…) is shown only in this response.</summary>
/// <param name="Id">The assignment's id.</param>
/// <param name="SubjectExternalId">The person being rated.</param>
/// <param name="RaterExternalId">The person rating.</param>
/// <param name="Relationship">How the rater relates to the subject.</param>
/// <param name="RaterToken">The rater token (fbr_…), shown only in this response.</param>
/// <param name="RaterUrl">The link to send the rater: the rater page with the token in the URL fragment (never sent to the server).</param>
public sealed record GeneratedAssignment(
    Guid Id, string SubjectExternalId, string RaterExternalId, Relationship Relationship, string RaterToken, string RaterUrl);

/// <param name="RaterExternalId">The rater at the cap.</param>
/// <param name="Skipped">Pairs the org chart asked for that this rater did not get because of the cap.</param>
public sealed record RaterAtCap(string RaterExternalId, int Skipped);

/// <param name="SubjectExternalId">The subject.</param>
/// <param name="PeersAvailable">Active others with the same manager.</param>
/// <param name="PeersAssigned">Peer raters the subject has in the cycle now (existing and new).</param>
public sealed record SubjectAtPeerCap(string SubjectExternalId, int PeersAvailable, int PeersAssigned);

/// <summary>
/// The new assignments of a generate run as a list that makes each item when it is read: the response is serialized
/// straight from the plan, the ids and the tokens' random bytes, without a string or an object per assignment held
/// for the whole response (650k assignments cost ~50 MB here instead of several hundred).
/// </summary>
internal sealed class GeneratedAssignmentList(IReadOnlyList<PlannedPair> pairs, Guid[] ids, byte[] secrets, PublicUrls urls)
    : IReadOnlyList<GeneratedAssignment>
{
    public int Count => pairs.Count;

    public GeneratedAssignment this[int index]
    {
        get
        {
            var pair = pairs[index];
            var token = Token(secrets, index);
            return new GeneratedAssignment(ids[index], pair.Subject.ExternalId, pair.Rater.ExternalId, pair.Relationship, token, urls.RaterUrl(token));
        }
    }

    /// <summary>The rater token of row <paramref name="index"/>, from its 32 random bytes.</summary>
    public static string Token(byte[] secrets, int index) =>
        TokenFormat.RaterToken(secrets.AsSpan(index * TokenFormat.RandomBytes, TokenFormat.RandomBytes));

    public IEnumerator<GeneratedAssignment> GetEnumerator()
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
