using System.Globalization;
using System.Text;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// Collects every way the service's answer differs from the reference, each as "where: field: expected …, actual …",
/// and fails once at the end with all of them (the first 60), so one run shows the whole picture.
/// </summary>
public sealed class Differences(string context)
{
    /// <summary>Numbers agree within 1e-9 relative (PRODUCT.md: compare with a tolerance), 1e-12 absolute near 0.</summary>
    public const double Relative = 1e-9;

    private readonly List<string> found = [];

    public int Count => found.Count;

    public int Checked { get; private set; }

    public void Add(string where, string field, object? expected, object? actual) =>
        found.Add($"{where}: {field}: expected {Show(expected)}, actual {Show(actual)}");

    public void Note(string where, string message) => found.Add($"{where}: {message}");

    public static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= (Relative * Math.Abs(expected)) + 1e-12;

    /// <summary>A JSON property that must exist (null allowed); a missing one is a difference.</summary>
    public JsonElement? Property(string where, JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            Add(where, name, "present", obj.ValueKind == JsonValueKind.Object ? "missing" : obj.ValueKind.ToString());
            return null;
        }

        return value;
    }

    public void Number(string where, string field, JsonElement obj, Exact? expected) =>
        Number(where, field, obj, expected?.ToDouble());

    public void Number(string where, string field, JsonElement obj, double? expected)
    {
        Checked++;
        if (Property(where, obj, Leaf(field)) is not { } actual)
        {
            return;
        }

        if (expected is null)
        {
            if (actual.ValueKind != JsonValueKind.Null)
            {
                Add(where, field, null, actual.GetRawText());
            }
        }
        else if (actual.ValueKind != JsonValueKind.Number || !Close(expected.Value, actual.GetDouble()))
        {
            Add(where, field, expected, actual.GetRawText());
        }
    }

    public void Integer(string where, string field, JsonElement obj, int? expected)
    {
        Checked++;
        if (Property(where, obj, Leaf(field)) is not { } actual)
        {
            return;
        }

        var ok = expected is null
            ? actual.ValueKind == JsonValueKind.Null
            : actual.ValueKind == JsonValueKind.Number && actual.TryGetInt32(out var n) && n == expected;
        if (!ok)
        {
            Add(where, field, expected, actual.GetRawText());
        }
    }

    public void Text(string where, string field, JsonElement obj, string? expected)
    {
        Checked++;
        if (Property(where, obj, Leaf(field)) is not { } actual)
        {
            return;
        }

        var ok = expected is null ? actual.ValueKind == JsonValueKind.Null : actual.ValueKind == JsonValueKind.String && actual.GetString() == expected;
        if (!ok)
        {
            Add(where, field, expected, actual.GetRawText());
        }
    }

    public void Boolean(string where, string field, JsonElement obj, bool expected)
    {
        Checked++;
        if (Property(where, obj, Leaf(field)) is { } actual && !(actual.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.GetBoolean() == expected))
        {
            Add(where, field, expected, actual.GetRawText());
        }
    }

    /// <summary>The property is JSON null (a hidden figure) when <paramref name="shown"/> is false, an object otherwise.</summary>
    public JsonElement? ObjectOrNull(string where, string field, JsonElement obj, bool shown)
    {
        Checked++;
        if (Property(where, obj, Leaf(field)) is not { } actual)
        {
            return null;
        }

        if (!shown)
        {
            if (actual.ValueKind != JsonValueKind.Null)
            {
                Add(where, field, null, actual.GetRawText());
            }

            return null;
        }

        if (actual.ValueKind != JsonValueKind.Object)
        {
            Add(where, field, "an object", actual.GetRawText());
            return null;
        }

        return actual;
    }

    /// <summary>The property a dotted label names: its last segment ("others.leadership.score" → "score").</summary>
    private static string Leaf(string field) => field[(field.LastIndexOf('.') + 1)..];

    public void AssertNone()
    {
        if (found.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"{context}: {found.Count} difference(s) from the reference (of {Checked} figures checked):\n");
        foreach (var line in found.Take(60))
        {
            message.Append("  ").Append(line).Append('\n');
        }

        throw new Xunit.Sdk.XunitException(message.ToString());
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
