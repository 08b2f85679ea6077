using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Feedback.Api.Common.Csv;

/// <summary>
/// How every CSV import is parsed (people, outcomes): CsvHelper's RFC 4180 mode, header read by the caller, blank lines
/// skipped, rows of any length (the caller reports them), and malformed data handed to a callback
/// instead of thrown, so every bad row can be named.
/// </summary>
public static class ImportCsvConfiguration
{
    public static CsvConfiguration Create(TrimOptions trim, BadDataFound onBadData) => new(CultureInfo.InvariantCulture)
    {
        Mode = CsvMode.RFC4180,
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        DetectColumnCountChanges = false,
        TrimOptions = trim,
        BadDataFound = onBadData,
    };
}
