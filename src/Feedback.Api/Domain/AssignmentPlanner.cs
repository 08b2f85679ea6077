using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Domain;

/// <summary>A person as the planner sees the org chart.</summary>
public sealed record OrgChartPerson(Guid Id, string ExternalId, Guid? ManagerId, bool Active);

/// <summary>An assignment the cycle already has.</summary>
public sealed record ExistingPair(Guid SubjectId, Guid RaterId, Relationship Relationship);

/// <summary>What to generate: the relationships (self, manager, directReport, peer) and the two caps.</summary>
public sealed record AssignmentPlanRules(IReadOnlySet<Relationship> Relationships, int MaxPeersPerSubject, int MaxAssignmentsPerRater);

public sealed record PlannedPair(OrgChartPerson Subject, OrgChartPerson Rater, Relationship Relationship);

/// <summary>A rater who was denied <paramref name="Skipped"/> pairs because they reached the per-rater cap.</summary>
public sealed record CappedRater(OrgChartPerson Rater, int Skipped);

/// <summary>A subject with more peers than the per-subject cap allowed.</summary>
public sealed record CappedSubject(OrgChartPerson Subject, int PeersAvailable, int PeersAssigned);

/// <summary>The pairs to create (ordered by subject, then rater externalId) and which caps bit.</summary>
public sealed record AssignmentPlan(
    IReadOnlyList<PlannedPair> New, int SkippedExisting, IReadOnlyList<CappedRater> CappedRaters, IReadOnlyList<CappedSubject> CappedSubjects);

/// <summary>
/// Who should rate whom, from the org chart: a pure function of the chart, the cycle's existing assignments and the
/// rules, so the same input gives the same pairs (no randomness, no dependence on row order).
/// <list type="bullet">
/// <item>Relationships are planned in priority order self → manager → directReport → peer across all subjects, so when a
/// rater's cap bites, the more important pairs have already taken the room.</item>
/// <item>Subjects are walked in ordinal externalId order. Only active people take part; a pair that already exists
/// (as any relationship) is never added again, and existing assignments count toward both caps.</item>
/// <item>Peers (active others with the same manager) are chosen least-loaded first, ties broken by
/// SHA-256(subject, rater externalIds) and then externalId, which spreads the load and is stable.</item>
/// </list>
/// </summary>
public static class AssignmentPlanner
{
    private static readonly Relationship[] Priority = [Relationship.Self, Relationship.Manager, Relationship.DirectReport, Relationship.Peer];

    public static AssignmentPlan Plan(
        IReadOnlyCollection<OrgChartPerson> people, IReadOnlyCollection<Guid> subjectIds, IReadOnlyCollection<ExistingPair> existing, AssignmentPlanRules rules)
    {
        var active = people.Where(p => p.Active).ToDictionary(p => p.Id);
        var reportsOf = active.Values
            .Where(p => p.ManagerId is not null)
            .GroupBy(p => p.ManagerId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.ExternalId, StringComparer.Ordinal).ToList());
        var subjects = subjectIds.Distinct()
            .Select(id => active.GetValueOrDefault(id))
            .OfType<OrgChartPerson>()
            .OrderBy(p => p.ExternalId, StringComparer.Ordinal)
            .ToList();

        var pairs = existing.Select(e => (e.SubjectId, e.RaterId)).ToHashSet();
        var load = existing.CountBy(e => e.RaterId).ToDictionary();
        var peers = existing.Where(e => e.Relationship == Relationship.Peer).CountBy(e => e.SubjectId).ToDictionary();
        var deniedByCap = new Dictionary<Guid, int>();
        var planned = new List<PlannedPair>();
        var cappedSubjects = new List<CappedSubject>();
        var skippedExisting = 0;

        foreach (var relationship in Priority.Where(rules.Relationships.Contains))
        {
            foreach (var subject in subjects)
            {
                if (relationship == Relationship.Peer)
                {
                    PlanPeers(subject);
                    continue;
                }

                foreach (var rater in RatersOf(subject, relationship))
                {
                    if (pairs.Contains((subject.Id, rater.Id)))
                    {
                        skippedExisting++;
                    }
                    else if (Load(rater) >= rules.MaxAssignmentsPerRater)
                    {
                        Deny(rater);
                    }
                    else
                    {
                        Add(subject, rater, relationship);
                    }
                }
            }
        }

        return new AssignmentPlan(
            planned.OrderBy(p => p.Subject.ExternalId, StringComparer.Ordinal).ThenBy(p => p.Rater.ExternalId, StringComparer.Ordinal).ToList(),
            skippedExisting,
            deniedByCap.Select(d => new CappedRater(active[d.Key], d.Value)).OrderBy(c => c.Rater.ExternalId, StringComparer.Ordinal).ToList(),
            cappedSubjects);

        IEnumerable<OrgChartPerson> RatersOf(OrgChartPerson subject, Relationship relationship) => relationship switch
        {
            Relationship.Self => [subject],
            Relationship.Manager when subject.ManagerId is { } m && active.TryGetValue(m, out var manager) => [manager],
            Relationship.DirectReport => reportsOf.GetValueOrDefault(subject.Id) ?? [],
            _ => [],
        };

        void PlanPeers(OrgChartPerson subject)
        {
            if (subject.ManagerId is not { } manager || !reportsOf.TryGetValue(manager, out var team))
            {
                return;
            }

            var others = team.Where(p => p.Id != subject.Id).ToList();
            var candidates = new List<OrgChartPerson>();
            foreach (var other in others)
            {
                if (pairs.Contains((subject.Id, other.Id)))
                {
                    skippedExisting++;
                }
                else
                {
                    candidates.Add(other);
                }
            }

            // Least loaded first, so at-cap raters come last and peer requests spread over the team.
            var ordered = candidates
                .Select(c => (Person: c, Load: Load(c), Hash: PairHash(subject.ExternalId, c.ExternalId)))
                .OrderBy(c => c.Load).ThenBy(c => c.Hash).ThenBy(c => c.Person.ExternalId, StringComparer.Ordinal)
                .ToList();
            var room = rules.MaxPeersPerSubject - peers.GetValueOrDefault(subject.Id);
            var taken = 0;
            foreach (var (person, _, _) in ordered)
            {
                if (taken >= room)
                {
                    break;
                }

                if (Load(person) >= rules.MaxAssignmentsPerRater)
                {
                    Deny(person);
                    continue;
                }

                Add(subject, person, Relationship.Peer);
                taken++;
            }

            var assigned = peers.GetValueOrDefault(subject.Id);
            if (assigned >= rules.MaxPeersPerSubject && ordered.Count > taken)
            {
                cappedSubjects.Add(new CappedSubject(subject, others.Count, assigned));
            }
        }

        int Load(OrgChartPerson rater) => load.GetValueOrDefault(rater.Id);

        void Deny(OrgChartPerson rater) => deniedByCap[rater.Id] = deniedByCap.GetValueOrDefault(rater.Id) + 1;

        void Add(OrgChartPerson subject, OrgChartPerson rater, Relationship relationship)
        {
            planned.Add(new PlannedPair(subject, rater, relationship));
            pairs.Add((subject.Id, rater.Id));
            load[rater.Id] = Load(rater) + 1;
            if (relationship == Relationship.Peer)
            {
                peers[subject.Id] = peers.GetValueOrDefault(subject.Id) + 1;
            }
        }
    }

    /// <summary>A stable, well-mixed tie-breaker for (subject, rater): the first 8 bytes of SHA-256 of both externalIds.</summary>
    public static ulong PairHash(string subjectExternalId, string raterExternalId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(subjectExternalId + "\n" + raterExternalId), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
