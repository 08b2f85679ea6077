using System.Text.Json;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Features.Reports;

/// <summary>A subject of a closing cycle: the org-chart snapshot and every rater's sheets.</summary>
internal sealed record ReportSubjectSource(Guid SubjectId, string ExternalId, string DisplayName, string? Department, bool IsManager, List<RaterInput> Raters);

/// <summary>The SQL behind <see cref="ReportMaterializer"/>: one read of the frozen sheets, one set-based write.</summary>
internal static class ReportSources
{
    // Every assignment of the cycle with both of its sheets (absent = not submitted) and the subject's snapshot.
    // The plan must not depend on statistics (a cycle is often closed right after a bulk load, before ANALYZE, when
    // the planner would guess one row everywhere and nest loops over whole tables): the cycle's assignments drive, and
    // each subject and sheet is one unique-index lookup. OFFSET 0 keeps PostgreSQL from flattening the lookups into
    // joins it would reorder. {0}: the subject snapshot (external_id, display_name, department, is_manager).
    private const string LoadSqlTemplate = """
        SELECT a.subject_id, p.external_id, p.display_name, p.department, p.is_manager,
               a.relationship, l.scores::text, l.comment, g.scores::text, g.comment
        FROM assignments a
        CROSS JOIN LATERAL ({0}) p
        LEFT JOIN LATERAL (
            SELECT scores, comment FROM sheets
            WHERE assignment_id = a.id AND dimension = 'Leadership' AND organization_id = a.organization_id OFFSET 0) l ON true
        LEFT JOIN LATERAL (
            SELECT scores, comment FROM sheets
            WHERE assignment_id = a.id AND dimension = 'Management' AND organization_id = a.organization_id OFFSET 0) g ON true
        WHERE a.organization_id = @organization_id AND a.cycle_id = @cycle_id
        ORDER BY a.subject_id, a.id
        """;

    // At close the snapshot is taken now: isManager = has at least one active direct report. By primary key; the
    // assignment's FK (organization_id, subject_id) pins the tenant.
    private const string SnapshotNow = """
        SELECT s.external_id, s.display_name, s.department,
               EXISTS (SELECT 1 FROM people d
                       WHERE d.organization_id = s.organization_id AND d.manager_id = s.id AND d.active) AS is_manager
        FROM people s WHERE s.id = a.subject_id OFFSET 0
        """;

    // A recompute keeps the snapshot taken at close (later org-chart changes never alter a closed cycle's reports);
    // the org chart now is only the fallback for a subject without a row.
    private const string SnapshotAtClose = $"""
        (SELECT r.external_id, r.display_name, r.department, r.is_manager, 0 AS preference
         FROM subject_reports r WHERE r.cycle_id = a.cycle_id AND r.subject_id = a.subject_id)
        UNION ALL
        (SELECT chart.*, 1 FROM ({SnapshotNow}) chart)
        ORDER BY preference LIMIT 1
        """;

    private static readonly string LoadAtCloseSql = LoadSqlTemplate.Replace("{0}", SnapshotNow, StringComparison.Ordinal);
    private static readonly string LoadForRecomputeSql = LoadSqlTemplate.Replace("{0}", SnapshotAtClose, StringComparison.Ordinal);

    /// <summary>Every subject of the cycle with its raters' sheets, in subject order.</summary>
    /// <param name="db">The primary.</param>
    /// <param name="organizationId">The cycle's organization.</param>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="keepSnapshot">False at close (snapshot the org chart now); true on a recompute (keep the close's).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<List<ReportSubjectSource>> LoadAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, bool keepSnapshot, CancellationToken ct)
    {
        await using var command = await db.CommandAsync(keepSnapshot ? LoadForRecomputeSql : LoadAtCloseSql, ct);
        command.Parameters.AddWithValue("organization_id", organizationId);
        command.Parameters.AddWithValue("cycle_id", cycleId);
        await using var reader = await command.ExecuteReaderAsync(ct);

        var subjects = new List<ReportSubjectSource>();
        while (await reader.ReadAsync(ct))
        {
            var subjectId = reader.GetGuid(0);
            if (subjects.Count == 0 || subjects[^1].SubjectId != subjectId)
            {
                subjects.Add(new ReportSubjectSource(subjectId, reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), []));
            }

            subjects[^1].Raters.Add(new RaterInput(
                Enum.Parse<Relationship>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : Scores(reader.GetString(6)),
                reader.IsDBNull(8) ? null : Scores(reader.GetString(8)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return subjects;
    }

    // A recompute replaces the cycle's read model under the lock of its summary row, in one transaction with the write.
    private const string LockSummarySql = """
        SELECT rules_version FROM cycle_report_summaries
        WHERE organization_id = @organization_id AND cycle_id = @cycle_id
        FOR UPDATE
        """;

    private const string DeleteSql = """
        DELETE FROM subject_reports WHERE organization_id = @organization_id AND cycle_id = @cycle_id;
        DELETE FROM cycle_report_summaries WHERE organization_id = @organization_id AND cycle_id = @cycle_id;
        """;

    /// <summary>Locks the cycle's summary row until the transaction ends; its rules version, or null without reports.</summary>
    public static async Task<int?> LockRulesVersionAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct)
    {
        await using var command = await db.CommandAsync(LockSummarySql, ct);
        command.Parameters.AddWithValue("organization_id", organizationId);
        command.Parameters.AddWithValue("cycle_id", cycleId);
        return await command.ExecuteScalarAsync(ct) is int version ? version : null;
    }

    /// <summary>Deletes the cycle's materialized reports (before a recompute writes them again).</summary>
    public static async Task DeleteAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct)
    {
        await using var command = await db.CommandAsync(DeleteSql, ct);
        command.Parameters.AddWithValue("organization_id", organizationId);
        command.Parameters.AddWithValue("cycle_id", cycleId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Dictionary<string, int?> Scores(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int?>>(json) ?? [];

    // Every report row and the summary in one statement: the rows travel as parallel arrays (unnest), the summary as
    // scalars, and a data-modifying CTE inserts both.
    private const string WriteSql = """
        WITH input AS (
            SELECT * FROM unnest(@subject_id, @external_id, @display_name, @department, @is_manager, @reportable,
                                 @suppressed, @leadership, @management, @gap_score, @gap_n, @gap_sd, @gap_ci_low,
                                 @gap_ci_high, @gap_significant, @quadrant, @report)
                AS t(subject_id, external_id, display_name, department, is_manager, reportable, suppressed, leadership,
                     management, gap_score, gap_n, gap_sd, gap_ci_low, gap_ci_high, gap_significant, quadrant, report)
        ), reports AS (
            INSERT INTO subject_reports (cycle_id, organization_id, subject_id, external_id, display_name, department,
                is_manager, reportable, suppressed, leadership, management, gap_score, gap_n, gap_sd, gap_ci_low,
                gap_ci_high, gap_significant, quadrant, report)
            SELECT @cycle_id, @organization_id, subject_id, external_id, display_name, department, is_manager,
                   reportable, suppressed, leadership, management, gap_score, gap_n, gap_sd, gap_ci_low, gap_ci_high,
                   gap_significant, quadrant, report::jsonb
            FROM input
        )
        INSERT INTO cycle_report_summaries (cycle_id, organization_id, subjects, reportable, median_leadership,
            median_management, mean_gap, leader_and_manager, leader_only, manager_only, developing,
            managers_who_arent_leaders, leaders_who_arent_managers, rules_version)
        VALUES (@cycle_id, @organization_id, @subjects, @reportable_count, @median_leadership, @median_management,
                @mean_gap, @leader_and_manager, @leader_only, @manager_only, @developing,
                @managers_who_arent_leaders, @leaders_who_arent_managers, @rules_version)
        """;

    public static async Task WriteAsync(FeedbackDbContext db, IReadOnlyList<SubjectReport> rows, CycleReportSummary summary, CancellationToken ct)
    {
        await using var command = await db.CommandAsync(WriteSql, ct);
        var p = command.Parameters;
        p.AddWithValue("cycle_id", summary.CycleId);
        p.AddWithValue("organization_id", summary.OrganizationId);
        p.AddWithValue("subject_id", rows.Select(r => r.SubjectId).ToArray());
        p.AddWithValue("external_id", rows.Select(r => r.ExternalId).ToArray());
        p.AddWithValue("display_name", rows.Select(r => r.DisplayName).ToArray());
        p.AddWithValue("department", rows.Select(r => r.Department).ToArray());
        p.AddWithValue("is_manager", rows.Select(r => r.IsManager).ToArray());
        p.AddWithValue("reportable", rows.Select(r => r.Reportable).ToArray());
        p.AddWithValue("suppressed", rows.Select(r => r.Suppressed).ToArray());
        p.AddWithValue("leadership", rows.Select(r => r.Leadership).ToArray());
        p.AddWithValue("management", rows.Select(r => r.Management).ToArray());
        p.AddWithValue("gap_score", rows.Select(r => r.GapScore).ToArray());
        p.AddWithValue("gap_n", rows.Select(r => r.GapN).ToArray());
        p.AddWithValue("gap_sd", rows.Select(r => r.GapSd).ToArray());
        p.AddWithValue("gap_ci_low", rows.Select(r => r.GapCiLow).ToArray());
        p.AddWithValue("gap_ci_high", rows.Select(r => r.GapCiHigh).ToArray());
        p.AddWithValue("gap_significant", rows.Select(r => r.GapSignificant).ToArray());
        p.AddWithValue("quadrant", rows.Select(r => r.Quadrant?.ToString()).ToArray()); // PascalCase, as EF stores enums
        p.AddWithValue("report", rows.Select(r => r.Report).ToArray());
        p.AddWithValue("subjects", summary.Subjects);
        p.AddWithValue("reportable_count", summary.Reportable);
        p.AddWithValue("median_leadership", (object?)summary.MedianLeadership ?? DBNull.Value);
        p.AddWithValue("median_management", (object?)summary.MedianManagement ?? DBNull.Value);
        p.AddWithValue("mean_gap", (object?)summary.MeanGap ?? DBNull.Value);
        p.AddWithValue("leader_and_manager", summary.LeaderAndManager);
        p.AddWithValue("leader_only", summary.LeaderOnly);
        p.AddWithValue("manager_only", summary.ManagerOnly);
        p.AddWithValue("developing", summary.Developing);
        p.AddWithValue("managers_who_arent_leaders", summary.ManagersWhoArentLeaders);
        p.AddWithValue("leaders_who_arent_managers", summary.LeadersWhoArentManagers);
        p.AddWithValue("rules_version", summary.RulesVersion);
        await command.ExecuteNonQueryAsync(ct);
    }
}
