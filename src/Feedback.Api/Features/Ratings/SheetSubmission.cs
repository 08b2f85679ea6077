using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Data.Sql;
using Feedback.Api.Domain;
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
/// the cycle's cached definition), then a valid sheet is ONE statement, a bare upsert of the sheet of the caller's
/// assignment. The statement checks nothing itself: the database's one guard is the <c>sheets_after_write</c> trigger
/// (which also keeps the replaced version and writes the <c>sheet.submitted</c> event when someone subscribed): it takes
/// the cycle's sheet lock shared (<see cref="Cycles.CycleLocks"/>) and refuses a cycle that is not open (409) or an
/// invalid sheet, and the sheets' foreign key refuses an assignment outside the caller's organization and the cycle.
/// When nothing may be written (no write scope, an invalid body, a cycle not open, no such assignment), one read says
/// why, in the contract's order 404 → 403 → 409 → 400.
/// </summary>
public sealed class SubmitSheetHandler(FeedbackDbContext db, CycleDefinitions cycles, TimeProvider clock)
    : ICommandHandler<SubmitLeadershipSheetCommand, SheetSubmitted>, ICommandHandler<SubmitManagementSheetCommand, SheetSubmitted>
{
    // A bare upsert, PostgreSQL's own kind of write: the database does the rest in the sheets_after_write trigger. The
    // conflict target is the sheets' one unique index, so a resubmission matches only the sheet of this organization,
    // cycle and assignment; a first submission of an assignment that is not in them fails its foreign key (404).
    internal static readonly SqlStatement Submit = new(PreparedStatements.SheetSubmit, """
        INSERT INTO sheets AS s (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at)
        VALUES (@id, @organization_id, @cycle_id, @assignment_id, @dimension, @scores, @comment, 1, @now)
        ON CONFLICT (organization_id, cycle_id, assignment_id, dimension) DO UPDATE
            SET scores = EXCLUDED.scores, comment = EXCLUDED.comment,
                revision = s.revision + 1, submitted_at = EXCLUDED.submitted_at
        RETURNING revision, submitted_at
        """);

    /// <summary>The sheets' foreign key to their assignment (migration CheapSheetWrites).</summary>
    internal const string SheetAssignmentForeignKey = "fk_sheets_assignments_organization_id_cycle_id_assignment_id";

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
                var written = await db.ReadAsync(Submit, SheetWritten.Read, ct, Parameters(command, draft, clock.GetUtcNow()));
                if (written is [var row])
                {
                    return new SheetSubmitted(command.AssignmentId, command.Dimension, row.Revision, row.SubmittedAt);
                }
            }
            catch (Exception e) when (IsRefused(e))
            {
                // The trigger found the cycle not open (perhaps closed while this waited for the close), or the assignment
                // is not in this organization and cycle (its foreign key): the read below says which.
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
    internal readonly record struct SheetWritten(int Revision, DateTimeOffset SubmittedAt)
    {
        public static SheetWritten Read(System.Data.Common.DbDataReader row) =>
            new(row.GetInt32(row.GetOrdinal("revision")), row.GetFieldValue<DateTimeOffset>(row.GetOrdinal("submitted_at")));
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

    private static bool IsRefused(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: SqlStates.CycleNotOpen }
                or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: SheetAssignmentForeignKey })
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
