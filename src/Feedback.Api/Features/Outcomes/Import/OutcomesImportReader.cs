using System.Globalization;
using System.Text;
using System.Text.Json;
using Feedback.Api.Common;
using Microsoft.Net.Http.Headers;
using CsvHelper;
using CsvHelper.Configuration;
using Feedback.Api.Common.Csv;

namespace Feedback.Api.Features.Outcomes.Import;

/// <summary>Turns an outcomes import body (a JSON array, or CSV with a header row) into rows; anything else is 415.</summary>
public static class OutcomesImportReader
{
    public static readonly string[] Columns = ["externalId", "productivity", "engagement", "retention"];

    public static async Task<IReadOnlyList<ImportedOutcome>> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            var rows = await JsonSerializer.DeserializeAsync<OutcomeImportRow?[]>(request.Body, json, ct)
                ?? throw new RequestValidationException("body", "Send a JSON array of outcomes.");
            return rows.Select(r => r is null
                    ? new ImportedOutcome(null, null, null, null, null, [new("", "A row is null; send an object.")])
                    : ImportedOutcome.From(r))
                .ToList();
        }

        if (string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, parsed!.Encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ParseCsv(await reader.ReadToEndAsync(ct));
        }

        throw new BadHttpRequestException("Send application/json or text/csv.", StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>RFC 4180 CSV (CsvHelper's parser): columns by header name, any order, case-insensitive; empty cells are null.</summary>
    public static IReadOnlyList<ImportedOutcome> ParseCsv(string text)
    {
        string? badField = null;
        var configuration = ImportCsvConfiguration.Create(TrimOptions.Trim, args => badField ??= args.Field);
        text = text.TrimStart('\uFEFF');
        using var parser = new CsvParser(new StringReader(text), configuration);
        if (!parser.Read())
        {
            throw new RequestValidationException("header", $"The CSV is empty; it needs a header row naming the columns {string.Join(", ", Columns)}.");
        }

        var positions = HeaderPositions(parser.Record ?? [], badField);
        badField = null;
        var rows = new List<ImportedOutcome>();
        var lineAfter = parser.RawRow; // the physical line the previous record ended on
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            var line = lineAfter + 1;
            lineAfter = parser.RawRow;
            if (fields is [""] && badField is null)
            {
                continue; // an empty line
            }

            var errors = new List<KeyValuePair<string, string>>();
            if (badField is not null)
            {
                errors.Add(new("", "malformed CSV: quote a field holding a quote, comma or line break, and double its quotes."));
                badField = null;
            }

            if (fields.Length != positions.Count)
            {
                errors.Add(new("", $"The record has {fields.Length} fields; the header has {positions.Count}."));
            }

            string? Cell(string column) =>
                positions.TryGetValue(column, out var p) && p < fields.Length && fields[p] is { Length: > 0 } value ? value : null;

            double? Number(string column)
            {
                var cell = Cell(column);
                if (cell is null)
                {
                    return null;
                }

                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    return value;
                }

                errors.Add(new(column, $"{column} must be a number with a . as decimal point (or empty for none)."));
                return null;
            }

            rows.Add(new ImportedOutcome(Cell("externalId"), Number("productivity"), Number("engagement"), Number("retention"), line, errors));
        }

        return rows;
    }

    private static Dictionary<string, int> HeaderPositions(IReadOnlyList<string> header, string? badField)
    {
        var problems = new List<string>();
        if (badField is not null)
        {
            problems.Add("The header row is malformed CSV.");
        }

        var positions = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var column = Columns.FirstOrDefault(c => c.Equals(header[i], StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add($"Unknown column '{header[i]}'; the columns are {string.Join(", ", Columns)}.");
            }
            else if (!positions.TryAdd(column, i))
            {
                problems.Add($"Column {column} appears twice.");
            }
        }

        if (!positions.ContainsKey("externalId"))
        {
            problems.Add("Column externalId is required.");
        }

        return problems.Count == 0
            ? positions
            : throw new RequestValidationException(new Dictionary<string, string[]> { ["header"] = problems.ToArray() },
                "The CSV header row is not usable; nothing was imported.");
    }
}
