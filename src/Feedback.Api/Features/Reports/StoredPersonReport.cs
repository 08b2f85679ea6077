using System.Text.Json;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// A person report is stored at close as the JSON it is served as, with <c>"quadrant":null</c> (the quadrant needs the
/// whole cycle's medians, so it lives in the row). Serving one sets that one property in the text instead of reading
/// the document into objects and writing it out again (most of a person report's CPU in the API).
/// <para>
/// The text <c>"quadrant":null</c> can only be the report's own property: inside a JSON string every quote is escaped,
/// and no nested object has a quadrant. A document that does not hold it exactly once (another shape) is read and
/// written the long way.
/// </para>
/// </summary>
internal static class StoredPersonReport
{
    private const string Unset = "\"quadrant\":null";

    public static string WithQuadrant(string stored, Quadrant? quadrant, JsonSerializerOptions options)
    {
        if (quadrant is null)
        {
            return stored;
        }

        var at = stored.IndexOf(Unset, StringComparison.Ordinal);
        if (at < 0 || stored.IndexOf(Unset, at + 1, StringComparison.Ordinal) >= 0)
        {
            var report = JsonSerializer.Deserialize<PersonReport>(stored, options)! with { Quadrant = quadrant };
            return JsonSerializer.Serialize(report, options);
        }

        return string.Concat(stored.AsSpan(0, at), "\"quadrant\":", JsonSerializer.Serialize(quadrant.Value, options), stored.AsSpan(at + Unset.Length));
    }
}
