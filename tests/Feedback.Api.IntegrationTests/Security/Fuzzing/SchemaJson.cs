using System.Globalization;
using CsCheck;

namespace Feedback.Api.IntegrationTests.Security.Fuzzing;

/// <summary>
/// JSON text for an OpenAPI schema: mostly what the schema describes (so requests get past the parser into the rules),
/// with mistakes mixed in at every level — a value of the wrong type, a required field left out, an unknown field, a
/// key twice, a hostile string or number where a plain one belongs.
/// </summary>
public sealed class SchemaJson(OpenApiDocument document, IReadOnlyList<string> knownWords)
{
    private const int MaxDepth = 6;

    private Gen<string> KnownWord => Gen.OneOfConst(knownWords.ToArray());

    public Gen<string> For(JsonElement schema, int depth = 0)
    {
        schema = document.Resolve(schema);
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return Gen.Const("null");
        }

        var sound = Sound(schema, depth);
        return Gen.Frequency<string>((85, sound), (10, HostileValues.AnyJson), (5, HostileValues.JsonString));
    }

    /// <summary>A value of the schema's own shape (its parts may still be hostile).</summary>
    private Gen<string> Sound(JsonElement schema, int depth)
    {
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var choices))
            {
                return Gen.OneOf(choices.EnumerateArray().Select(c => For(c, depth + 1)).ToArray());
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var literals = values.EnumerateArray().Select(v => v.GetRawText()).ToArray();
            return literals.Length == 0 ? Gen.Const("null") : Gen.OneOfConst(literals);
        }

        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!]
            : schema.TryGetProperty("properties", out _) ? ["object"] : ["string", "integer", "object"];
        var nonNull = types.Where(t => t != "null").ToArray();
        var of = nonNull.Length == 0 ? Gen.Const("null") : Gen.OneOf(nonNull.Select(t => OfType(t, schema, depth)).ToArray());
        return types.Contains("null") ? Gen.Frequency<string>((85, of), (15, Gen.Const("null"))) : of;
    }

    private Gen<string> OfType(string type, JsonElement schema, int depth) => type switch
    {
        "string" => String(schema),
        "integer" => Integer(schema),
        "number" => Gen.Frequency<string>((3, Gen.Double[-10, 10].Select(d => d.ToString("R", CultureInfo.InvariantCulture))), (1, HostileValues.JsonNumber)),
        "boolean" => Gen.OneOfConst("true", "false"),
        "array" => Array(schema, depth),
        "object" => Object(schema, depth),
        _ => HostileValues.AnyJson,
    };

    private Gen<string> String(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var plain = format switch
        {
            "uuid" => Gen.Guid.Select(g => $"\"{g}\""),
            "date-time" => Gen.Const($"\"{DateTimeOffset.UtcNow:O}\""),
            "uri" => Gen.OneOfConst("\"https://hooks.example.com/fuzz\"", "\"https://93.184.215.14/x\"", "\"http://127.0.0.1/x\""),
            _ => Gen.Frequency<string>((3, KnownWord.Select(HostileValues.Quote)), (3, HostileValues.Letters(1, 20).Select(HostileValues.Quote))),
        };
        return Gen.Frequency<string>((4, plain), (1, HostileValues.JsonString));
    }

    private static Gen<string> Integer(JsonElement schema)
    {
        var min = schema.TryGetProperty("minimum", out var lo) && lo.TryGetInt32(out var l) ? l : -3;
        var max = schema.TryGetProperty("maximum", out var hi) && hi.TryGetInt32(out var h) ? h : 12;
        var near = Gen.Int[Math.Max(int.MinValue + 2, min) - 1, Math.Min(int.MaxValue - 2, max) + 1].Select(i => i.ToString(CultureInfo.InvariantCulture));
        return Gen.Frequency<string>((3, near), (1, HostileValues.JsonNumber));
    }

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(System.Collections.Immutable.ImmutableList<T>.Empty), (all, next) => Gen.Select(all, next, (list, x) => list.Add(x)))
            .Select(list => list.ToArray());

    private Gen<string> Array(JsonElement schema, int depth)
    {
        var items = schema.TryGetProperty("items", out var i) ? For(i, depth + 1) : HostileValues.AnyJson;
        var length = Gen.Frequency<int>((8, Gen.Int[0, 4]), (1, Gen.Int[5, 60]));
        return length.SelectMany(n => items.Array[n, n]).Select(elements => "[" + string.Join(",", elements) + "]");
    }

    private Gen<string> Object(JsonElement schema, int depth)
    {
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        var members = new List<Gen<string?>>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var keep = required.Contains(property.Name) ? 92 : 55;
                var member = For(property.Value, depth + 1).Select(v => (string?)$"{HostileValues.Quote(property.Name)}:{v}");
                members.Add(Gen.Frequency<string?>((keep, member), (100 - keep, Gen.Const(() => (string?)null))));
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            // A map (e.g. a sheet's scores): mostly keys the service knows, some it does not.
            var value = For(additional, depth + 1);
            var key = Gen.Frequency<string>((3, KnownWord), (1, HostileValues.Letters(1, 12)));
            var entry = Gen.Select(key, value, (k, v) => (string?)$"{HostileValues.Quote(k)}:{v}");
            members.AddRange(Enumerable.Range(0, 9).Select(_ => Gen.Frequency<string?>((6, entry), (4, Gen.Const(() => (string?)null)))));
        }

        var extra = Gen.Frequency<string?>((92, Gen.Const(() => (string?)null)),
            (8, HostileValues.AnyJson.Select(v => (string?)$"\"zzUnknownField\":{v}")));
        members.Add(extra);
        return Gen.Select(Sequence(members), Gen.Int[0, 99], (parts, dice) =>
        {
            var present = parts.Where(p => p is not null).ToList();
            if (dice < 3 && present.Count > 0)
            {
                present.Add(present[0]); // the same key twice
            }

            return "{" + string.Join(",", present) + "}";
        });
    }
}
