using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Features.Webhooks;
using Feedback.Api.Data.Sql;
using Feedback.Api.Domain;
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

/// <summary>
/// What both sheet commands share: the checks in the contract's order (404 → 403 → 409 → 400) and the write.
/// The handler's database work is ONE statement: it finds the assignment and its cycle, upserts the sheet only when
/// the caller may write, the cycle is open and the body is valid, and returns what the checks need. The triggers in
/// <see cref="SheetTriggers"/> keep history and re-check the invariants under a lock on the cycle row.
/// </summary>
public static class SheetSubmission
{
    private static readonly string Sql = $"""
        WITH target AS (
            SELECT a.organization_id, a.cycle_id, a.id AS assignment_id, c.status, c.scale_min, c.scale_max
            FROM assignments a
            JOIN cycles c ON c.organization_id = a.organization_id AND c.id = a.cycle_id
            WHERE a.organization_id = @organization_id AND a.id = @assignment_id AND a.cycle_id = @cycle_id
        ), written AS (
            INSERT INTO sheets AS s (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at)
            SELECT @id, t.organization_id, t.cycle_id, t.assignment_id, @dimension, @scores, @comment, 1, @now
            FROM target t
            WHERE @write AND t.status = 'Open'
              AND sheet_scores_keys_valid(t.cycle_id, @dimension, @scores)
              AND sheet_scores_values_valid(@scores, t.scale_min, t.scale_max)
            ON CONFLICT (assignment_id, dimension) DO UPDATE
                SET scores = EXCLUDED.scores, comment = EXCLUDED.comment,
                    revision = s.revision + 1, submitted_at = EXCLUDED.submitted_at
            RETURNING s.organization_id, s.cycle_id, s.assignment_id, s.dimension, s.revision, s.submitted_at
        ), {WebhookOutbox.SheetSubmittedCte("written")}
        SELECT t.status, t.scale_min, t.scale_max, w.revision, w.submitted_at,
               CASE WHEN w.revision IS NULL THEN
                   (SELECT jsonb_object_agg(cb.behavior_key, cb.dimension) FROM cycle_behaviors cb WHERE cb.cycle_id = t.cycle_id)
               END AS behaviors
        FROM target t LEFT JOIN written w ON true
        """;

    public static async ValueTask<SheetSubmitted> SubmitAsync(
        FeedbackDbContext db, TimeProvider clock, Dimension dimension,
        Guid organizationId, Guid cycleId, Guid assignmentId, SheetAuthor author, SheetBody body, CancellationToken ct)
    {
        if (author.RaterAssignmentId is { } own && own != assignmentId)
        {
            throw NotFound(cycleId, assignmentId); // a rater token never learns whether another assignment exists
        }

        var draft = SheetRules.Read(body.Json);
        var write = author.MayWrite && draft.Errors.Count == 0;
        Outcome? outcome;
        try
        {
            outcome = await ExecuteAsync(db, organizationId, cycleId, assignmentId, dimension, write ? draft : null, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (IsCycleNotOpen(e))
        {
            // The cycle closed between this statement's snapshot and the trigger's lock on the cycle row.
            throw CycleNotOpen(CycleStatus.Closed);
        }

        if (outcome is null)
        {
            throw NotFound(cycleId, assignmentId);
        }

        if (!author.MayWrite)
        {
            throw new ForbiddenException(
                "This API key lacks the scope this operation needs: ratings:write or admin (or use this assignment's rater token).",
                [Scopes.RatingsWrite, Scopes.Admin]);
        }

        if (outcome.Status != CycleStatus.Open)
        {
            throw CycleNotOpen(outcome.Status);
        }

        if (outcome.Revision is not { } revision)
        {
            var errors = SheetRules.Check(draft, dimension, outcome.Behaviors, outcome.ScaleMin, outcome.ScaleMax);
            if (errors.Count == 0)
            {
                throw new InvalidOperationException("The database refused a sheet that the API's rules accept; the two disagree.");
            }

            throw new RequestValidationException(errors, "The sheet is invalid; errors names each offending field.");
        }

        return new SheetSubmitted(assignmentId, dimension, revision, outcome.SubmittedAt);
    }

    private sealed record Outcome(
        CycleStatus Status, int ScaleMin, int ScaleMax, int? Revision, DateTimeOffset SubmittedAt, IReadOnlyDictionary<string, Dimension> Behaviors);

    /// <summary>The statement's one row (none when the assignment is not in the cycle and organization).</summary>
    internal sealed class SheetWriteRow
    {
        public required string Status { get; init; }
        public int ScaleMin { get; init; }
        public int ScaleMax { get; init; }
        public int? Revision { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public string? Behaviors { get; init; }
    }

    // Through EF Core (not a bare NpgsqlCommand) so the statement is logged with its timing like every other
    // command, and with its parameter values hidden (no sensitive data logging).
    private static async Task<Outcome?> ExecuteAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, Guid assignmentId, Dimension dimension, SheetDraft? valid,
        DateTimeOffset now, CancellationToken ct)
    {
        object[] parameters =
        [
            new NpgsqlParameter<Guid>("organization_id", organizationId),
            new NpgsqlParameter<Guid>("cycle_id", cycleId),
            new NpgsqlParameter<Guid>("assignment_id", assignmentId),
            new NpgsqlParameter<Guid>("id", Ids.New()),
            new NpgsqlParameter<string>("dimension", NpgsqlDbType.Text) { TypedValue = dimension.ToString() },
            // When nothing may be written, the functions get an empty object they can read safely.
            new NpgsqlParameter<string>("scores", NpgsqlDbType.Jsonb) { TypedValue = valid is null ? "{}" : JsonSerializer.Serialize(valid.Scores) },
            new NpgsqlParameter("comment", NpgsqlDbType.Text) { Value = (object?)valid?.Comment ?? DBNull.Value },
            new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now },
            new NpgsqlParameter<bool>("write", valid is not null),
        ];

        // ToListAsync, not SingleOrDefault: EF must not wrap a data-modifying WITH in a subquery.
        var rows = await db.Database.SqlQueryRaw<SheetWriteRow>(Sql, parameters).ToListAsync(ct);
        if (rows is not [var row])
        {
            return null;
        }

        return new Outcome(
            Enum.Parse<CycleStatus>(row.Status),
            row.ScaleMin,
            row.ScaleMax,
            row.Revision,
            row.SubmittedAt ?? default,
            row.Behaviors is null ? new Dictionary<string, Dimension>() : ReadBehaviors(row.Behaviors));
    }

    private static Dictionary<string, Dimension> ReadBehaviors(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json)!
            .ToDictionary(b => b.Key, b => Enum.Parse<Dimension>(b.Value), StringComparer.Ordinal);

    private static bool IsCycleNotOpen(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: SheetTriggers.CycleNotOpenState })
            {
                return true;
            }
        }

        return false;
    }

    private static NotFoundException NotFound(Guid cycleId, Guid assignmentId) =>
        new($"No assignment {assignmentId} in cycle {cycleId}.");

    private static ConflictException CycleNotOpen(CycleStatus status) => new(ProblemTypes.CycleNotOpen, status switch
    {
        CycleStatus.Draft => "The cycle is still a draft: sheets are accepted only while it is open.",
        _ => "The cycle is closed: sheets are accepted only while it is open, and a closed cycle never changes.",
    });
}
