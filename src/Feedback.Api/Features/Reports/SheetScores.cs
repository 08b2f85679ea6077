using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// A stored sheet's scores as the report math reads them (<c>key → score or null</c>), parsed from PostgreSQL's jsonb
/// text without a dictionary or a key string per sheet: the cycle's keys are shared, the values sit in one array.
/// A close reads every sheet of the cycle (1.6 million at 100k subjects), so this is the cheap form of
/// <c>JsonSerializer.Deserialize&lt;Dictionary&lt;string, int?&gt;&gt;</c>, which it falls back to for anything unusual.
/// </summary>
internal sealed class SheetScores : IReadOnlyDictionary<string, int?>
{
    private readonly CycleKeys keys;
    private readonly int?[] values;
    private readonly bool[] present;
    private readonly int count;

    private SheetScores(CycleKeys keys, int?[] values, bool[] present, int count)
    {
        this.keys = keys;
        this.values = values;
        this.present = present;
        this.count = count;
    }

    /// <summary>The cycle's behavior keys, shared by every sheet of the close.</summary>
    internal sealed class CycleKeys(IReadOnlyList<string> all)
    {
        public IReadOnlyList<string> All { get; } = all;

        public Dictionary<string, int> Index { get; } = all.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

        /// <summary>The position of the key spelled by <paramref name="name"/>, or -1.</summary>
        public int Find(ReadOnlySpan<char> name) =>
            Index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var i) ? i : -1;
    }

    /// <summary>The scores of a jsonb text such as <c>{"empathy": 4, "building-trust": null}</c>.</summary>
    public static IReadOnlyDictionary<string, int?> Parse(string json, CycleKeys keys) =>
        (IReadOnlyDictionary<string, int?>?)TryParse(json, keys) ?? Fallback(json);

    private static SheetScores? TryParse(ReadOnlySpan<char> text, CycleKeys keys)
    {
        var values = new int?[keys.All.Count];
        var present = new bool[keys.All.Count];
        var count = 0;
        text = text.Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            return null;
        }

        text = text[1..^1].Trim();
        while (!text.IsEmpty)
        {
            // "key": value
            if (text[0] != '"')
            {
                return null;
            }

            var close = text[1..].IndexOfAny('"', '\\');
            if (close < 0 || text[1 + close] == '\\')
            {
                return null; // an escape: let the JSON parser decide
            }

            var index = keys.Find(text.Slice(1, close));
            text = text[(close + 2)..].TrimStart();
            if (index < 0 || present[index] || text.IsEmpty || text[0] != ':')
            {
                return null; // not a cycle key, or repeated: the fallback keeps it as it is
            }

            text = text[1..].TrimStart();
            var end = text.IndexOf(',');
            var value = (end < 0 ? text : text[..end]).TrimEnd();
            if (value.SequenceEqual("null"))
            {
                values[index] = null;
            }
            else if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            {
                values[index] = score;
            }
            else
            {
                return null;
            }

            present[index] = true;
            count++;
            text = end < 0 ? [] : text[(end + 1)..].TrimStart();
        }

        return new SheetScores(keys, values, present, count);
    }

    private static Dictionary<string, int?> Fallback(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int?>>(json) ?? [];

    public int Count => count;

    public int? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Pairs().Select(p => p.Key);

    public IEnumerable<int?> Values => Pairs().Select(p => p.Value);

    public bool ContainsKey(string key) => keys.Index.TryGetValue(key, out var i) && present[i];

    public bool TryGetValue(string key, out int? value)
    {
        if (keys.Index.TryGetValue(key, out var i) && present[i])
        {
            value = values[i];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, int?>> GetEnumerator() => Pairs().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, int?>> Pairs()
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (present[i])
            {
                yield return new KeyValuePair<string, int?>(keys.All[i], values[i]);
            }
        }
    }
}
