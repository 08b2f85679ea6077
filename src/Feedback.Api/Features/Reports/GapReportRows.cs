using System.Runtime.CompilerServices;
using System.Text;
using Feedback.Api.Data;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Features.Reports;

/// <summary>The gap report's rows: one keyset-paged SQL statement over <c>subject_reports</c>, streamed.</summary>
internal static class GapReportRows
{
    public static async IAsyncEnumerable<GapReportItem> ReadAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, GapReportCriteria criteria, GapCursor? after, int? take,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Column names come from the fixed GapSort list, never from the request; every value is a parameter.
        var sort = criteria.Sort;
        var sql = new StringBuilder("""
            SELECT external_id, display_name, department, is_manager, leadership, management, gap_score, gap_n,
                   gap_ci_low, gap_ci_high, gap_significant, quadrant
            FROM subject_reports
            WHERE organization_id = @organization_id AND cycle_id = @cycle_id AND reportable
            """);
        await using var command = await db.CommandAsync("", ct);
        command.Parameters.AddWithValue("organization_id", organizationId);
        command.Parameters.AddWithValue("cycle_id", cycleId);
        if (criteria.Department is not null)
        {
            sql.Append(" AND department = @department");
            command.Parameters.AddWithValue("department", criteria.Department);
        }

        if (criteria.IsManager is not null)
        {
            sql.Append(" AND is_manager = @is_manager");
            command.Parameters.AddWithValue("is_manager", criteria.IsManager.Value);
        }

        if (criteria.Quadrant is not null)
        {
            sql.Append(" AND quadrant = @quadrant");
            command.Parameters.AddWithValue("quadrant", criteria.Quadrant.Value.ToString());
        }

        var column = sort.Column;
        if (after is not null)
        {
            command.Parameters.AddWithValue("after_id", after.ExternalId);
            if (after.Value is null)
            {
                // Already among the trailing nulls: only later nulls remain.
                sql.Append($" AND {column} IS NULL AND external_id > @after_id");
            }
            else
            {
                command.Parameters.AddWithValue("after_value", after.Value);
                var beyond = sort.Descending ? "<" : ">";
                sql.Append($" AND ({column} {beyond} @after_value OR ({column} = @after_value AND external_id > @after_id) OR {column} IS NULL)");
            }
        }

        sql.Append($" ORDER BY {column} {(sort.Descending ? "DESC" : "ASC")} NULLS LAST, external_id ASC");
        if (take is not null)
        {
            sql.Append(" LIMIT @take");
            command.Parameters.AddWithValue("take", take.Value);
        }

        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            GapReportGap? gap = reader.IsDBNull(6)
                ? null
                : new GapReportGap(
                    reader.GetDouble(6),
                    reader.GetInt32(7),
                    reader.IsDBNull(8) || reader.IsDBNull(9) ? null : [reader.GetDouble(8), reader.GetDouble(9)],
                    reader.GetBoolean(10));
            yield return new GapReportItem(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetBoolean(3),
                reader.GetDouble(4),
                reader.GetDouble(5),
                gap,
                Enum.Parse<Quadrant>(reader.GetString(11)));
        }
    }
}
