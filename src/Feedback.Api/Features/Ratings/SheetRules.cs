using System.Text;
using System.Text.Json;
using Feedback.Api.Domain;

namespace Feedback.Api.Features.Ratings;

/// <summary>A sheet body read in isolation: the scores and comment it holds, and what is wrong with its shape.</summary>
public sealed class SheetDraft
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Every score key sent, in order, whatever its value.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>The keys whose value is an integer or null, with that value.</summary>
    public Dictionary<string, int?> Scores { get; } = new(StringComparer.Ordinal);

    public string? Comment { get; internal set; }

    /// <summary>False when <c>scores</c> is missing or not an object (then key rules are not applied).</summary>
    public bool HasScores { get; internal set; }

    /// <summary>What is wrong with the body's shape, by field (the cycle's rules are <see cref="SheetRules.Check(SheetDraft, Dimension, CycleDefinition)"/>).</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => errors;

    internal void Fail(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }
}

/// <summary>
/// The sheet rules of API.md, as pure functions, and their owner: the handler validates the whole sheet with them
/// before it writes, against the cycle's cached definition (<see cref="CycleDefinitions"/>), naming every bad key.
/// <see cref="Read"/> needs only the body; <see cref="Check(SheetDraft, Dimension, CycleDefinition)"/> adds the rules
/// that need the cycle (its behaviors and scale). They are not the mediator's validation step, because the contract
/// answers 404/403/409 before any body error. The database keeps one guard of its own (the <c>sheets_check</c>
/// trigger), for writes that do not come through here.
/// </summary>
public static class SheetRules
{
    public const int MaxCommentLength = 2000;

    public static SheetDraft Read(JsonElement? body)
    {
        var draft = new SheetDraft();
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            draft.Fail("body", "The body must be a JSON object: {\"scores\": {...}, \"comment\": \"...\"}.");
            return draft;
        }

        JsonElement? scores = null, comment = null;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, "scores", StringComparison.OrdinalIgnoreCase))
            {
                if (scores is not null)
                {
                    draft.Fail("scores", "Given more than once.");
                }

                scores = property.Value;
            }
            else if (string.Equals(property.Name, "comment", StringComparison.OrdinalIgnoreCase))
            {
                if (comment is not null)
                {
                    draft.Fail("comment", "Given more than once.");
                }

                comment = property.Value;
            }
            else
            {
                // Identity comes from the token only, so fields such as a rater id are refused rather than ignored.
                draft.Fail(property.Name, "Unknown field: a sheet holds only scores and comment.");
            }
        }

        ReadScores(draft, scores);
        ReadComment(draft, comment);
        return draft;
    }

    private static void ReadScores(SheetDraft draft, JsonElement? scores)
    {
        if (scores is not { ValueKind: JsonValueKind.Object } map)
        {
            draft.Fail("scores", "Required: an object with a score (an integer, or null for not observed) for every behavior of this dimension.");
            return;
        }

        draft.HasScores = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            var field = $"scores.{entry.Name}";
            if (!seen.Add(entry.Name))
            {
                draft.Fail(field, "Given more than once.");
                continue;
            }

            draft.Keys.Add(entry.Name);
            var value = entry.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    draft.Scores[entry.Name] = null;
                    break;
                case JsonValueKind.Number when value.TryGetInt32(out var score):
                    draft.Scores[entry.Name] = score;
                    break;
                case JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0:
                    draft.Fail(field, "Must be a whole number without a fraction or exponent (e.g. 4, not 4.0), or null.");
                    break;
                case JsonValueKind.Number:
                    draft.Fail(field, "Out of the cycle's scale.");
                    break;
                default:
                    draft.Fail(field, $"Must be a JSON integer or null, not {Describe(value.ValueKind)}.");
                    break;
            }
        }
    }

    private static void ReadComment(SheetDraft draft, JsonElement? comment)
    {
        if (comment is null or { ValueKind: JsonValueKind.Null })
        {
            return;
        }

        if (comment.Value.ValueKind != JsonValueKind.String)
        {
            draft.Fail("comment", $"Must be a string or null, not {Describe(comment.Value.ValueKind)}.");
            return;
        }

        string text;
        try
        {
            text = comment.Value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            draft.Fail("comment", "Is not valid Unicode text.");
            return;
        }

        // A CRLF line break counts as a newline; a blank comment is no comment.
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return;
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            draft.Fail("comment", "Must not contain control characters other than newline and tab.");
        }
        else if (!IsValidUnicode(text))
        {
            draft.Fail("comment", "Is not valid Unicode text.");
        }
        else if (text.EnumerateRunes().Count() > MaxCommentLength)
        {
            draft.Fail("comment", $"At most {MaxCommentLength} characters after trimming.");
        }
        else
        {
            draft.Comment = text;
        }
    }

    /// <summary>Every error of the sheet against the cycle, shape errors included (the draft is left as it is).</summary>
    public static Dictionary<string, string[]> Check(SheetDraft draft, Dimension dimension, CycleDefinition cycle) =>
        Check(draft, dimension, cycle.Behaviors, cycle.ScaleMin, cycle.ScaleMax);

    /// <summary>Every error of the sheet against the given behaviors and scale, shape errors included.</summary>
    public static Dictionary<string, string[]> Check(
        SheetDraft draft, Dimension dimension, IReadOnlyDictionary<string, Dimension> cycleBehaviors, int scaleMin, int scaleMax)
    {
        var errors = draft.Errors.ToDictionary(e => e.Key, e => new List<string>(e.Value), StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var messages))
            {
                errors[field] = messages = [];
            }

            messages.Add(message);
        }

        var name = dimension.ToString().ToLowerInvariant();
        if (draft.HasScores)
        {
            foreach (var key in draft.Keys)
            {
                if (!cycleBehaviors.TryGetValue(key, out var keyDimension))
                {
                    Fail($"scores.{key}", "Not a behavior of this cycle.");
                }
                else if (keyDimension != dimension)
                {
                    var other = keyDimension.ToString().ToLowerInvariant();
                    Fail($"scores.{key}", $"A {other} behavior: send it on the {other} sheet, not the {name} sheet.");
                }
                else if (draft.Scores.TryGetValue(key, out var score) && score is { } value && (value < scaleMin || value > scaleMax))
                {
                    Fail($"scores.{key}", $"Must be an integer from {scaleMin} to {scaleMax}, or null for not observed.");
                }
            }

            var sent = draft.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var (key, _) in cycleBehaviors.Where(b => b.Value == dimension && !sent.Contains(b.Key)))
            {
                Fail($"scores.{key}", $"Missing: every {name} behavior of the cycle needs a score, or null for not observed.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static bool IsValidUnicode(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out _, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            i += used;
        }

        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        _ => "this value",
    };
}
