using System.Text;
using System.Text.Json;
using Feedback.Api.Common;
using Microsoft.Net.Http.Headers;

namespace Feedback.Api.Features.People.Import;

/// <summary>Turns an import body (a JSON array or CSV with a header row) into rows; anything else is 415.</summary>
public static class PeopleImportReader
{
    public static readonly string[] Columns = ["externalId", "displayName", "email", "managerExternalId", "department", "title", "active"];

    public static async Task<IReadOnlyList<ImportedPerson>> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            var rows = await JsonSerializer.DeserializeAsync<PersonImportRow?[]>(request.Body, json, ct)
                ?? throw new RequestValidationException("body", "Send a JSON array of people.");
            return rows.Select(r => r is null
                    ? new ImportedPerson(null, null, null, null, null, null, true, null, [new("", "A row is null; send an object.")])
                    : ImportedPerson.From(r))
                .ToList();
        }

        if (string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var encoding = parsed!.Encoding ?? Encoding.UTF8;
            using var reader = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: true);
            return ParseCsv(await reader.ReadToEndAsync(ct));
        }

        throw new BadHttpRequestException("Send application/json or text/csv.", StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>Maps CSV records to rows by the header's column names (any order, case-insensitive).</summary>
    public static IReadOnlyList<ImportedPerson> ParseCsv(string text)
    {
        using var records = PeopleCsv.Read(text).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new RequestValidationException("header", $"The CSV is empty; it needs a header row naming the columns {string.Join(", ", Columns)}.");
        }

        var positions = HeaderPositions(records.Current);
        var rows = new List<ImportedPerson>();
        while (records.MoveNext())
        {
            rows.Add(ToRow(records.Current, positions));
        }

        return rows;
    }

    private static Dictionary<string, int> HeaderPositions(CsvRecord header)
    {
        var problems = new List<string>();
        if (header.Error is not null)
        {
            problems.Add(header.Error);
        }

        var positions = new Dictionary<string, int>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            var column = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add($"Unknown column '{name}'; the columns are {string.Join(", ", Columns)}.");
            }
            else if (!positions.TryAdd(column, i))
            {
                problems.Add($"Column {column} appears twice.");
            }
        }

        problems.AddRange(new[] { "externalId", "displayName" }.Where(c => !positions.ContainsKey(c)).Select(c => $"Column {c} is required."));
        return problems.Count == 0
            ? positions
            : throw new RequestValidationException(new Dictionary<string, string[]> { ["header"] = problems.ToArray() },
                "The CSV header row is not usable; nothing was imported.");
    }

    private static ImportedPerson ToRow(CsvRecord record, Dictionary<string, int> positions)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (record.Error is not null)
        {
            errors.Add(new("", record.Error));
        }

        if (record.Fields.Count != positions.Count)
        {
            errors.Add(new("", $"The record has {record.Fields.Count} fields; the header has {positions.Count}."));
        }

        string? Cell(string column) =>
            positions.TryGetValue(column, out var p) && p < record.Fields.Count ? record.Fields[p] : null;

        var active = Cell("active")?.Trim() ?? "";
        bool? parsedActive = active.ToUpperInvariant() switch
        {
            "" or "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => null,
        };
        if (parsedActive is null)
        {
            errors.Add(new("active", "active must be true or false (or empty for true)."));
        }

        return ImportedPerson.Normalized(
            Cell("externalId"), Cell("displayName"), Cell("email"), Cell("managerExternalId"), Cell("department"), Cell("title"),
            parsedActive ?? true, record.Line, errors);
    }
}
