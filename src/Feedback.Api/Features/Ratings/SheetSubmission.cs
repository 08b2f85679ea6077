using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Data.Sql;
using Feedback.Api.Domain;
using Feedback.Api.Features.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Feedback.Api.Features.Ratings;

/// <summary>
/// The receipt of a stored sheet. Sheets are write-only: the scores and comment are never echoed here or readable
/// anywhere again (a survey front end keeps its own copy of what the rater typed).
/// </summary>
/// <param name="AssignmentId">The assignment the sheet belongs to.</param>
/// <param name="Dimension">leadership or management.</param>
/// <param name="Revision">1 for the first submission, +1 for each resubmission.</param>
/// <param name="SubmittedAt">When this revision was stored.</param>
public sealed record SheetSubmitted(Guid AssignmentId, Dimension Dimension, int Revision, DateTimeOffset SubmittedAt);

/// <summary>The body of a sheet submission.</summary>
/// <param name="Scores">A score for every behavior of this dimension in the cycle: a JSON integer within the cycle's scale,
/// or null for not observed. Keys of the other dimension, unknown keys and missing keys are refused.</param>
/// <param name="Comment">Optional, at most 2,000 characters after trimming; no control characters other than newline and tab.
/// Blank or omitted → null (a resubmission replaces the whole sheet, comment included).</param>
public sealed record SubmitSheetRequest(IReadOnlyDictionary<string, int?> Scores, string? Comment = null);

/// <summary>Who submits, from the token: a rater token (bound to one assignment) or an API key.</summary>
/// <param name="RaterAssignmentId">For a rater token, its assignment; null for an API key.</param>
/// <param name="MayWrite">A rater token, or an API key with <c>ratings:write</c> or <c>admin</c>.</param>
public sealed record SheetAuthor(Guid? RaterAssignmentId, bool MayWrite)
{
    public static SheetAuthor From(Caller caller) =>
        new(caller.AssignmentId, caller.Kind == CallerKind.Rater || caller.HasAnyScope([Scopes.RatingsWrite]));
}

/// <summary>What the two sheet commands have in common; each says its own dimension.</summary>
public interface ISheetSubmission : ICommand<SheetSubmitted>
{
    Dimension Dimension { get; }
    Guid OrganizationId { get; }
    Guid CycleId { get; }
    Guid AssignmentId { get; }
    SheetAuthor Author { get; }
    SheetBody Body { get; }
}

/// <summary>
/// The one handler of both sheet commands. The whole sheet is checked in C# first (<see cref="SheetRules"/>, against
/// the cycle's cached definition), then a valid sheet is ONE statement: it upserts the sheet of the caller's
/// assignment (no row: 404) and, when someone subscribed, writes the <c>sheet.submitted</c> event. The statement
/// checks nothing itself: the database's one guard is the <c>sheets_check</c> trigger, which takes the cycle's sheet
/// lock shared (<see cref="Cycles.CycleLocks"/>) and refuses a cycle that is not open (409) or an invalid sheet.
/// When nothing may be written (no write scope, an invalid body, a cycle not open), one read says why, in the
/// contract's order 404 → 403 → 409 → 400.
/// </summary>
public sealed class SubmitSheetHandler(FeedbackDbContext db, CycleDefinitions cycles, TimeProvider clock)
    : ICommandHandler<SubmitLeadershipSheetCommand, SheetSubmitted>, ICommandHandler<SubmitManagementSheetCommand, SheetSubmitted>
{
    internal static readonly SqlStatement Submit = new("sheet.submit", $"""
        WITH written AS (
            INSERT INTO sheets AS s (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at)
            SELECT @id, a.organization_id, a.cycle_id, a.id, @dimension, @scores, @comment, 1, @now
            FROM assignments a
            WHERE a.organization_id = @organization_id AND a.id = @assignment_id AND a.cycle_id = @cycle_id
            ON CONFLICT (assignment_id, dimension) DO UPDATE
                SET scores = EXCLUDED.scores, comment = EXCLUDED.comment,
                    revision = s.revision + 1, submitted_at = EXCLUDED.submitted_at
            RETURNING s.organization_id, s.cycle_id, s.assignment_id, s.dimension, s.revision, s.submitted_at
        ), {WebhookOutbox.SheetSubmittedCte("written")}
        SELECT revision, submitted_at FROM written
        """);

    internal static readonly SqlStatement Status = new("sheet.assignment-status", """
        SELECT c.status AS "Value"
        FROM assignments a JOIN cycles c ON c.organization_id = a.organization_id AND c.id = a.cycle_id
        WHERE a.organization_id = @organization_id AND a.id = @assignment_id AND a.cycle_id = @cycle_id
        """);

    public ValueTask<SheetSubmitted> Handle(SubmitLeadershipSheetCommand command, CancellationToken cancellationToken) =>
        SubmitAsync(command, cancellationToken);

    public ValueTask<SheetSubmitted> Handle(SubmitManagementSheetCommand command, CancellationToken cancellationToken) =>
        SubmitAsync(command, cancellationToken);

    private async ValueTask<SheetSubmitted> SubmitAsync(ISheetSubmission command, CancellationToken ct)
    {
        if (command.Author.RaterAssignmentId is { } own && own != command.AssignmentId)
        {
            throw NotFound(command); // a rater token never learns whether another assignment exists
        }

        var cycle = await cycles.GetAsync(db, command.OrganizationId, command.CycleId, ct) ?? throw NotFound(command);
        var draft = SheetRules.Read(command.Body.Json);
        var errors = SheetRules.Check(draft, command.Dimension, cycle);
        if (command.Author.MayWrite && errors.Count == 0)
        {
            try
            {
                var written = await db.Query<SheetWritten>(Submit, Parameters(command, draft, clock.GetUtcNow())).ToListAsync(ct);
                if (written is [var row])
                {
                    return new SheetSubmitted(command.AssignmentId, command.Dimension, row.Revision, row.SubmittedAt);
                }
            }
            catch (Exception e) when (IsCycleNotOpen(e))
            {
                // The trigger found the cycle not open (perhaps closed while this waited for the close): say which.
            }
        }

        var status = await db.Query<string>(Status, Ids(command)).ToListAsync(ct) is [var found]
            ? Enum.Parse<CycleStatus>(found)
            : throw NotFound(command);
        if (!command.Author.MayWrite)
        {
            throw new ForbiddenException(
                "This API key lacks the scope this operation needs: ratings:write or admin (or use this assignment's rater token).",
                [Scopes.RatingsWrite, Scopes.Admin]);
        }

        if (status != CycleStatus.Open || errors.Count == 0)
        {
            throw CycleNotOpen(status); // (open here only if it opened while this ran: still not open for that write)
        }

        throw new RequestValidationException(errors, "The sheet is invalid; errors names each offending field.");
    }

    /// <summary>The statement's row (columns revision, submitted_at): the revision stored and when.</summary>
    internal sealed class SheetWritten
    {
        public int Revision { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
    }

    private static NpgsqlParameter[] Parameters(ISheetSubmission command, SheetDraft valid, DateTimeOffset now) =>
        SubmitParameters(command.OrganizationId, command.CycleId, command.AssignmentId, command.Dimension,
            JsonSerializer.Serialize(valid.Scores), valid.Comment, now);

    /// <summary>The parameters of <see cref="Submit"/> (also what the benchmark's bare endpoint binds).</summary>
    internal static NpgsqlParameter[] SubmitParameters(
        Guid organizationId, Guid cycleId, Guid assignmentId, Dimension dimension, string scoresJson, string? comment, DateTimeOffset now) =>
    [
        new NpgsqlParameter<Guid>("organization_id", organizationId),
        new NpgsqlParameter<Guid>("cycle_id", cycleId),
        new NpgsqlParameter<Guid>("assignment_id", assignmentId),
        new NpgsqlParameter<Guid>("id", Common.Ids.New()),
        new NpgsqlParameter<string>("dimension", NpgsqlDbType.Text) { TypedValue = dimension.ToString() },
        new NpgsqlParameter<string>("scores", NpgsqlDbType.Jsonb) { TypedValue = scoresJson },
        new NpgsqlParameter("comment", NpgsqlDbType.Text) { Value = (object?)comment ?? DBNull.Value },
        new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now },
    ];

    private static NpgsqlParameter[] Ids(ISheetSubmission command) =>
    [
        new NpgsqlParameter<Guid>("organization_id", command.OrganizationId),
        new NpgsqlParameter<Guid>("cycle_id", command.CycleId),
        new NpgsqlParameter<Guid>("assignment_id", command.AssignmentId),
    ];

    private static bool IsCycleNotOpen(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: SqlStates.CycleNotOpen })
            {
                return true;
            }
        }

        return false;
    }

    private static NotFoundException NotFound(ISheetSubmission command) =>
        new($"No assignment {command.AssignmentId} in cycle {command.CycleId}.");

    private static ConflictException CycleNotOpen(CycleStatus status) => new(ProblemTypes.CycleNotOpen, status switch
    {
        CycleStatus.Closed => "The cycle is closed: sheets are accepted only while it is open, and a closed cycle never changes.",
        _ => "The cycle is still a draft: sheets are accepted only while it is open.",
    });
}
