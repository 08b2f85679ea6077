namespace Feedback.Api.Common.Csv;

/// <summary>
/// CSV formula injection (OWASP "CSV Injection"): a spreadsheet opening our CSV runs a cell that starts with
/// <c>= + - @</c>, a tab or a carriage return as a formula, so a display name like <c>=HYPERLINK(...)</c> typed into
/// the HR system would run on the reader's machine. Every text cell of every CSV we write goes through
/// <see cref="Text"/>, which prefixes such a cell with <c>'</c> (shown as text, the quote hidden). Numbers are written
/// by the writer itself and never pass here (a negative gap stays a number).
/// </summary>
public static class CsvFormulaGuard
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string? Text(string? value) =>
        value is { Length: > 0 } && Array.IndexOf(FormulaStarts, value[0]) >= 0 ? "'" + value : value;
}
