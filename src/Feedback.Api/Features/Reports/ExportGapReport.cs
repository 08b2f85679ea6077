using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
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

/// <summary>
/// Writes the export as RFC 4180 CSV with CsvHelper (CRLF, quoted where needed), numbers in invariant round-trip form,
/// empty cells for null, text cells guarded against formula injection (<see cref="CsvFormulaGuard"/>). Rows stream
/// from the database straight into the response.
/// </summary>
internal sealed class GapReportCsvResult(GapReportExport export) : IResult
{
    public const string MediaType = "text/csv";

    private static readonly string[] Header =
        ["externalId", "displayName", "department", "isManager", "leadership", "management", "gap", "gapCiLow", "gapCiHigh", "significant", "quadrant"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        // RFC 4180: a field holding a comma, a quote or a line break (also a lone CR or LF) is quoted.
        ShouldQuote = args => args.Field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = MediaType + "; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"gaps-{export.CycleId}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        foreach (var column in Header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in export.Rows.WithCancellation(httpContext.RequestAborted))
        {
            csv.WriteField(Text(row.ExternalId));
            csv.WriteField(Text(row.DisplayName));
            csv.WriteField(Text(row.Department));
            csv.WriteField(row.IsManager ? "true" : "false");
            csv.WriteField(Number(row.Leadership));
            csv.WriteField(Number(row.Management));
            csv.WriteField(Number(row.Gap?.Score));
            csv.WriteField(Number(row.Gap?.Ci95?[0]));
            csv.WriteField(Number(row.Gap?.Ci95?[1]));
            csv.WriteField(row.Gap is null ? "" : row.Gap.Significant ? "true" : "false");
            csv.WriteField(JsonNamingPolicy.CamelCase.ConvertName(row.Quadrant.ToString()));
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A text cell as it is stored, guarded against formula injection (CsvHelper quotes it when needed).</summary>
    private static string Text(string? value) => CsvFormulaGuard.Text(value) ?? "";
}
