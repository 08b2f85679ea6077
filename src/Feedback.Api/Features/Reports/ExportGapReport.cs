using System.Globalization;
using System.Text;
using System.Text.Json;
using Feedback.Api.Common.Csv;
using Feedback.Api.Data;
using Mediator;

namespace Feedback.Api.Features.Reports;

/// <summary>Every filtered row of the gap report, in sort order, read lazily while the response streams.</summary>
public sealed record GapReportExport(Guid CycleId, DateTimeOffset ClosedAt, IAsyncEnumerable<GapReportItem> Rows);

public sealed record ExportGapReportQuery(Guid OrganizationId, Guid CycleId, string? Sort, string? Department, string? IsManager, string? Quadrant)
    : IQuery<GapReportExport>;

public sealed class ExportGapReportHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<ExportGapReportQuery, GapReportExport>
{
    public async ValueTask<GapReportExport> Handle(ExportGapReportQuery query, CancellationToken cancellationToken)
    {
        var criteria = GapReportCriteria.Parse(query.Sort, query.Department, query.IsManager, query.Quadrant);
        var (_, closedAt) = await ClosedCycleReports.SummaryAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
        return new GapReportExport(query.CycleId, closedAt,
            GapReportRows.AllAsync(db, query.OrganizationId, query.CycleId, criteria, cancellationToken));
    }
}

/// <summary>Writes the export as RFC 4180 CSV (CRLF, quoted where needed), numbers in invariant round-trip form, text
/// cells guarded against formula injection (<see cref="CsvFormulaGuard"/>).</summary>
internal sealed class GapReportCsvResult(GapReportExport export) : IResult
{
    public const string MediaType = "text/csv";

    private const string Header = "externalId,displayName,department,isManager,leadership,management,gap,gapCiLow,gapCiHigh,significant,quadrant";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = MediaType + "; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"gaps-{export.CycleId}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header + "\r\n");
        var line = new StringBuilder();
        await foreach (var row in export.Rows.WithCancellation(httpContext.RequestAborted))
        {
            line.Clear();
            Field(line, row.ExternalId).Append(',');
            Field(line, row.DisplayName).Append(',');
            Field(line, row.Department).Append(',');
            line.Append(row.IsManager ? "true" : "false").Append(',');
            Number(line, row.Leadership).Append(',');
            Number(line, row.Management).Append(',');
            Number(line, row.Gap?.Score).Append(',');
            Number(line, row.Gap?.Ci95?[0]).Append(',');
            Number(line, row.Gap?.Ci95?[1]).Append(',');
            line.Append(row.Gap is null ? "" : row.Gap.Significant ? "true" : "false").Append(',');
            line.Append(JsonNamingPolicy.CamelCase.ConvertName(row.Quadrant.ToString())).Append("\r\n");
            await writer.WriteAsync(line);
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static StringBuilder Number(StringBuilder line, double? value) =>
        value is null ? line : line.Append(value.Value.ToString("R", CultureInfo.InvariantCulture));

    private static StringBuilder Field(StringBuilder line, string? text)
    {
        var value = CsvFormulaGuard.Text(text);
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"')
            : line.Append(value);
    }
}
