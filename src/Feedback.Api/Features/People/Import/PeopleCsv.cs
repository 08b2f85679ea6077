using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Feedback.Api.Common.Csv;

namespace Feedback.Api.Features.People.Import;

/// <summary>One CSV record: the physical line it starts on (1-based), its fields, and what was wrong with it.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads an import's CSV with CsvHelper's RFC 4180 parser: comma-separated fields, any line ending, fields optionally
/// in double quotes where <c>""</c> is a quote and commas and line breaks are data. A malformed record is returned
/// with an <see cref="CsvRecord.Error"/> rather than thrown, so the caller can report every bad row with its line.
/// Blank lines are skipped; a leading byte order mark is ignored.
/// </summary>
public static class PeopleCsv
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        string? badField = null;
        var configuration = ImportCsvConfiguration.Create(TrimOptions.None, args => badField ??= args.Field);
        text = text.TrimStart('\uFEFF');
        using var parser = new CsvParser(new StringReader(text), configuration);
        while (parser.Read())
        {
            var raw = parser.RawRecord;
            var fields = parser.Record ?? [];
            // A quoted field never closed runs to the end of the text, line breaks and all.
            var unclosed = parser.CharCount >= text.Length && raw.Count(c => c == '"') % 2 == 1 && badField?.StartsWith('"') != false;
            // RawRow is the physical line this record ends on; count back over the line breaks inside it.
            var line = parser.RawRow - LineBreaks(unclosed ? raw : raw.TrimEnd('\r', '\n'));
            var error = unclosed
                ? "a quoted field is never closed (a \" is missing)."
                : badField is null ? null
                : badField.StartsWith('"') ? "after a closing quote only a comma or a line break may follow."
                : "a field holding a quote must be quoted, with the quote doubled (\"\").";
            badField = null;
            if (fields is [""] && error is null)
            {
                continue; // an empty line
            }

            yield return new CsvRecord(line, fields, error);
        }
    }

    private static int LineBreaks(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
