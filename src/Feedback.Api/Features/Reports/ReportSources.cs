using System.Data.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Feedback.Api.Features.Reports;

/// <summary>A subject of a closing cycle: the org-chart snapshot and every rater's sheets as stored.</summary>
internal sealed record ReportSubjectSource(
    Guid SubjectId, string ExternalId, string DisplayName, string? Department, bool IsManager, string? ManagerExternalId, List<StoredSheets> Raters);

/// <summary>
/// One assignment's two sheets as the database returned them (scores as jsonb text; null = not submitted). Parsed by
/// <see cref="ToInput"/> where the report is computed, on every core, not on the thread that reads the connection.
/// </summary>
internal readonly record struct StoredSheets(
    Relationship Relationship, string? LeadershipScores, string? LeadershipComment, string? ManagementScores, string? ManagementComment)
{
    public RaterInput ToInput(SheetScores.CycleKeys keys) => new(
        Relationship,
        LeadershipScores is null ? null : SheetScores.Parse(LeadershipScores, keys),
        ManagementScores is null ? null : SheetScores.Parse(ManagementScores, keys),
        LeadershipComment,
        ManagementComment);
}

/// <summary>
/// The SQL behind <see cref="ReportMaterializer"/>: the frozen sheets read a chunk of subjects at a time, the report
/// rows copied into a staging table as they are computed, and one insert of them all with their quadrants.
/// </summary>
internal static class ReportSources
{
    /// <summary>Subjects per read: bounds the memory a close needs (~8 raters and their sheets each).</summary>
    public const int ChunkSize = 1000;

    // The next chunk of subjects (by id) with every assignment, both of its sheets (absent = not submitted) and the
    // subject's snapshot, looked up once per subject (MATERIALIZED). {0}: the snapshot (external_id, display_name,
    // department, is_manager, manager_external_id) of subject c.subject_id. The plan must not depend on statistics (a cycle is often closed
    // right after a bulk load, before ANALYZE, when the planner would guess one row everywhere and nest loops over whole
    // tables): the chunk's subjects come from the (cycle_id, subject_id, rater_id) index, and each person and sheet is
    // one unique-index lookup. OFFSET 0 keeps PostgreSQL from flattening the lookups into joins it would reorder.
    private const string LoadChunkTemplate = """
        WITH chunk AS MATERIALIZED (
            SELECT c.subject_id, p.external_id, p.display_name, p.department, p.is_manager, p.manager_external_id
            FROM (SELECT DISTINCT a.subject_id FROM assignments a
                  WHERE a.cycle_id = @cycle_id AND a.subject_id > @after
                  ORDER BY a.subject_id
                  LIMIT @take) c
            CROSS JOIN LATERAL ({0}) p
        )
        SELECT c.subject_id, c.external_id, c.display_name, c.department, c.is_manager, c.manager_external_id, a.relationship,
               l.scores::text AS leadership_scores, l.comment AS leadership_comment,
               g.scores::text AS management_scores, g.comment AS management_comment
        FROM chunk c
        JOIN assignments a ON a.cycle_id = @cycle_id AND a.subject_id = c.subject_id AND a.organization_id = @organization_id
        LEFT JOIN LATERAL (
            SELECT scores, comment FROM sheets
            WHERE organization_id = a.organization_id AND cycle_id = a.cycle_id AND assignment_id = a.id AND dimension = 'Leadership'
            OFFSET 0) l ON true
        LEFT JOIN LATERAL (
            SELECT scores, comment FROM sheets
            WHERE organization_id = a.organization_id AND cycle_id = a.cycle_id AND assignment_id = a.id AND dimension = 'Management'
            OFFSET 0) g ON true
        ORDER BY c.subject_id, a.id
        """;

    // At close the snapshot is taken now: isManager = has at least one active direct report, and the manager's
    // externalId (the teams report by manager). By primary key; the assignments' FK (organization_id, subject_id) pins
    // the tenant.
    private const string SnapshotNow = """
        SELECT s.external_id, s.display_name, s.department,
               EXISTS (SELECT 1 FROM people d
                       WHERE d.organization_id = s.organization_id AND d.manager_id = s.id AND d.active) AS is_manager,
               (SELECT m.external_id FROM people m
                WHERE m.organization_id = s.organization_id AND m.id = s.manager_id) AS manager_external_id
        FROM people s WHERE s.id = c.subject_id OFFSET 0
        """;

    // A recompute keeps the snapshot taken at close (later org-chart changes never alter a closed cycle's reports);
    // the org chart now is only the fallback for a subject without a row.
    private const string SnapshotAtClose = $"""
        (SELECT r.external_id, r.display_name, r.department, r.is_manager, r.manager_external_id, 0 AS preference
         FROM subject_reports r WHERE r.cycle_id = @cycle_id AND r.subject_id = c.subject_id)
        UNION ALL
        (SELECT chart.*, 1 FROM ({SnapshotNow}) chart)
        ORDER BY preference LIMIT 1
        """;

    private static readonly SqlStatement LoadChunkAtClose =
        new("reports.load-subjects", LoadChunkTemplate.Replace("{0}", SnapshotNow, StringComparison.Ordinal));

    private static readonly SqlStatement LoadChunkForRecompute =
        new("reports.load-subjects-for-recompute", LoadChunkTemplate.Replace("{0}", SnapshotAtClose, StringComparison.Ordinal));

    /// <summary>The columns of the chunk statements, looked up by name once per chunk.</summary>
    private sealed class SourceColumns(DbDataReader reader)
    {
        private readonly int subjectId = reader.GetOrdinal("subject_id");
        private readonly int externalId = reader.GetOrdinal("external_id");
        private readonly int displayName = reader.GetOrdinal("display_name");
        private readonly int department = reader.GetOrdinal("department");
        private readonly int isManager = reader.GetOrdinal("is_manager");
        private readonly int managerExternalId = reader.GetOrdinal("manager_external_id");
        private readonly int relationship = reader.GetOrdinal("relationship");
        private readonly int leadershipScores = reader.GetOrdinal("leadership_scores");
        private readonly int leadershipComment = reader.GetOrdinal("leadership_comment");
        private readonly int managementScores = reader.GetOrdinal("management_scores");
        private readonly int managementComment = reader.GetOrdinal("management_comment");

        /// <summary>Adds the reader's row to <paramref name="subjects"/> (a new subject when the id changes).</summary>
        public void Add(DbDataReader row, List<ReportSubjectSource> subjects)
        {
            var id = row.GetGuid(subjectId);
            if (subjects.Count == 0 || subjects[^1].SubjectId != id)
            {
                subjects.Add(new ReportSubjectSource(id, row.GetString(externalId), row.GetString(displayName), Text(row, department),
                    row.GetBoolean(isManager), Text(row, managerExternalId), []));
            }

            subjects[^1].Raters.Add(new StoredSheets(Enum.Parse<Relationship>(row.GetString(relationship)),
                Text(row, leadershipScores), Text(row, leadershipComment), Text(row, managementScores), Text(row, managementComment)));
        }

        private static string? Text(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
    }

    /// <summary>
    /// The subjects after <paramref name="after"/> (by id), at most <see cref="ChunkSize"/>; empty at the end. With
    /// <paramref name="keepSnapshot"/> (a recompute) the close's snapshot of each subject is kept; otherwise (at close)
    /// the org chart now is snapshotted. Read straight off the data reader (no LINQ shaper per row: a close reads every
    /// sheet of the cycle), the scores left as text for the computing step to parse.
    /// </summary>
    public static async Task<List<ReportSubjectSource>> LoadChunkAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, bool keepSnapshot, Guid after, CancellationToken ct)
    {
        var subjects = new List<ReportSubjectSource>();
        SourceColumns? columns = null;
        await db.ForEachRowAsync(keepSnapshot ? LoadChunkForRecompute : LoadChunkAtClose,
            row => (columns ??= new SourceColumns(row)).Add(row, subjects), ct,
            new NpgsqlParameter<Guid>("organization_id", organizationId),
            new NpgsqlParameter<Guid>("cycle_id", cycleId),
            new NpgsqlParameter<Guid>("after", after),
            new NpgsqlParameter<int>("take", ChunkSize));
        return subjects;
    }

    // The chunk statement's estimated cost passes jit_above_cost, and compiling it took ~20 ms of a chunk's ~60 ms
    // (EXPLAIN ANALYZE at 100k subjects); it runs once per 1,000 subjects with the same short plan. For the reading
    // transaction only.
    private static readonly SqlStatement WithoutJit = new("reports.reader-without-jit", "SET LOCAL jit = off");

    /// <summary>Readies the close's reading transaction for its chunk statements (no JIT compilation).</summary>
    public static Task PrepareReaderAsync(FeedbackDbContext reader, CancellationToken ct) => reader.ExecuteAsync(WithoutJit, ct);

    // The rows wait here, without indexes, until every subject is computed and the quadrants are known.
    private static readonly SqlStatement CreateStaging = new("reports.create-staging", """
        CREATE TEMPORARY TABLE subject_reports_staging (LIKE subject_reports INCLUDING COMPRESSION) ON COMMIT DROP
        """);

    private const string CopyStaging = """
        COPY subject_reports_staging (cycle_id, organization_id, subject_id, external_id, display_name, department, is_manager,
            manager_external_id, reportable, suppressed, leadership, management, gap_score, gap_n, gap_sd, gap_ci_low, gap_ci_high, gap_significant, report)
        FROM STDIN (FORMAT BINARY)
        """;

    public static Task CreateStagingAsync(FeedbackDbContext db, CancellationToken ct) => db.ExecuteAsync(CreateStaging, ct);

    /// <summary>Copies computed rows (their quadrant still unknown) into the staging table.</summary>
    public static Task CopyToStagingAsync(FeedbackDbContext db, IReadOnlyList<SubjectReport> rows, CancellationToken ct) =>
        db.CopyAsync("reports.copy-staging", CopyStaging, async (copy, ct) =>
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.CycleId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.OrganizationId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.SubjectId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.ExternalId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.DisplayName, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, r.Department, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.IsManager, NpgsqlDbType.Boolean, ct);
                await WriteAsync(copy, r.ManagerExternalId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Reportable, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(r.Suppressed, NpgsqlDbType.Boolean, ct);
                await WriteAsync(copy, r.Leadership, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.Management, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.GapScore, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.GapN, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, r.GapSd, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.GapCiLow, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.GapCiHigh, NpgsqlDbType.Double, ct);
                await WriteAsync(copy, r.GapSignificant, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(r.Report, NpgsqlDbType.Json, ct);
            }
        }, ct);

    // Every staged row into the read model in one statement, each reportable one with its quadrant.
    private static readonly SqlStatement InsertFromStaging = new("reports.insert-from-staging", """
        INSERT INTO subject_reports (cycle_id, organization_id, subject_id, external_id, display_name, department, is_manager,
            manager_external_id, reportable, suppressed, leadership, management, gap_score, gap_n, gap_sd, gap_ci_low,
            gap_ci_high, gap_significant, quadrant, report)
        SELECT s.cycle_id, s.organization_id, s.subject_id, s.external_id, s.display_name, s.department, s.is_manager,
               s.manager_external_id, s.reportable, s.suppressed, s.leadership, s.management, s.gap_score, s.gap_n, s.gap_sd, s.gap_ci_low,
               s.gap_ci_high, s.gap_significant, q.quadrant, s.report
        FROM subject_reports_staging s
        LEFT JOIN unnest(@subject_ids, @quadrants) AS q(subject_id, quadrant) ON q.subject_id = s.subject_id
        """);

    /// <summary>Moves the staged rows into <c>subject_reports</c>, with the quadrants (PascalCase, as EF stores enums).</summary>
    public static Task InsertFromStagingAsync(FeedbackDbContext db, Guid[] subjectIds, string[] quadrants, CancellationToken ct) =>
        db.ExecuteAsync(InsertFromStaging, ct,
            new NpgsqlParameter<Guid[]>("subject_ids", subjectIds),
            new NpgsqlParameter<string[]>("quadrants", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = quadrants });

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct => value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    // A recompute replaces the cycle's read model under the lock of its summary row, in one transaction with the write.
    private static readonly SqlStatement LockSummary = new("reports.lock-summary", """
        SELECT rules_version AS "Value" FROM cycle_report_summaries
        WHERE organization_id = @organization_id AND cycle_id = @cycle_id
        FOR UPDATE
        """);

    private static readonly SqlStatement Delete = new("reports.delete", """
        DELETE FROM subject_reports WHERE organization_id = @organization_id AND cycle_id = @cycle_id;
        DELETE FROM cycle_report_summaries WHERE organization_id = @organization_id AND cycle_id = @cycle_id;
        """);

    /// <summary>Locks the cycle's summary row until the transaction ends; its rules version, or null without reports.</summary>
    public static async Task<int?> LockRulesVersionAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        await db.Query<int>(LockSummary, Cycle(organizationId, cycleId)).ToListAsync(ct) is [var version] ? version : null;

    /// <summary>Deletes the cycle's materialized reports (before a recompute writes them again).</summary>
    public static Task DeleteAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        db.ExecuteAsync(Delete, ct, Cycle(organizationId, cycleId));

    private static NpgsqlParameter[] Cycle(Guid organizationId, Guid cycleId) =>
    [
        new NpgsqlParameter<Guid>("organization_id", organizationId),
        new NpgsqlParameter<Guid>("cycle_id", cycleId),
    ];
}
