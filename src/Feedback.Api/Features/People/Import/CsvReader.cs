using System.Text;

namespace Feedback.Api.Features.People.Import;

/// <summary>One CSV record: the physical line it starts on (1-based), its fields, and what was wrong with it.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, records ended by CRLF (LF or CR alone also accepted), fields
/// optionally in double quotes where <c>""</c> is a quote and commas and line breaks are data. A malformed record
/// is returned with an <see cref="CsvRecord.Error"/> rather than thrown, so the caller can report every bad row.
/// Blank lines are skipped; a leading byte order mark is ignored.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var i = text.StartsWith('\uFEFF') ? 1 : 0;
        var line = 1;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            string? error = null;
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            closed = true;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i >= text.Length || text[i] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (!closed)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(startLine, fields, "a quoted field is never closed (a \" is missing).");
                        yield break;
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        error ??= "after a closing quote only a comma or a line break may follow.";
                        while (i < text.Length && text[i] is not ('\r' or '\n'))
                        {
                            i++;
                        }
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            error ??= "a field holding a quote must be quoted, with the quote doubled (\"\").";
                        }

                        field.Append(text[i++]);
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }

            line++;
            if (fields is [""] && error is null)
            {
                continue; // blank line
            }

            yield return new CsvRecord(startLine, fields, error);
        }
    }
}
