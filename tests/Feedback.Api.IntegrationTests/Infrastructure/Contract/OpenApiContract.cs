using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Feedback.Api.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// The service's own OpenAPI document as a checker of responses: finds the operation of a request (path template
/// and method), and says what is wrong with a response's status, content type and JSON body. Schemas are checked
/// with JsonSchema.Net as JSON Schema 2020-12 (what OpenAPI 3.1 uses), formats included, and objects closed:
/// a property the document does not list is a violation too, so the document can be neither looser nor narrower
/// than what the service sends.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject document;
    private readonly JsonObject definitions;
    private readonly List<(Regex Pattern, string Template, JsonObject Item)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
    private int schemaCount;

    public OpenApiContract(string json)
    {
        document = JsonNode.Parse(json)!.AsObject();
        definitions = Close(Rewrite(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject())).AsObject();
        paths = document["paths"]!.AsObject()
            .Select(p => (TemplatePattern(p.Key), p.Key, p.Value!.AsObject()))
            // Literal segments win over parameters: /v1/people/import before /v1/people/{externalId}.
            .OrderBy(p => p.Key.Count(c => c == '{'))
            .ToList();
    }

    /// <summary>The operation's "METHOD /template", or null when the document has no such path (not our concern here).</summary>
    public string? OperationOf(string method, string path)
    {
        var match = Find(method, path);
        return match is null ? null : $"{method.ToUpperInvariant()} {match.Value.Template}";
    }

    /// <summary>Every way the response breaks the document (empty when it conforms).</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? contentType, ReadOnlyMemory<byte> body)
    {
        var match = Find(method, path);
        if (match is null)
        {
            return [];
        }

        var (template, operation) = match.Value;
        var responses = operation["responses"]?.AsObject();
        var response = responses?[status.ToString()] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (response is null)
        {
            return [$"status {status} is not documented (documented: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})"];
        }

        response = Resolve(response);
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 || method == "HEAD"
                ? []
                : [$"status {status} is documented without a body, but the response has {body.Length} bytes ({contentType})"];
        }

        if (body.Length == 0)
        {
            return status == 304 || method == "HEAD" ? [] : [$"status {status} is documented with a body ({string.Join(", ", content.Select(c => c.Key))}), but the response is empty"];
        }

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var documented = content.FirstOrDefault(c => string.Equals(c.Key, mediaType, StringComparison.OrdinalIgnoreCase));
        if (documented.Value is null)
        {
            return [$"content type {mediaType ?? "(none)"} is not documented for status {status} (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        }

        if (mediaType is null || !IsJson(mediaType) || documented.Value["schema"] is not JsonNode schemaNode)
        {
            return [];
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return [$"the body is not JSON although the content type is {mediaType}: {e.Message}"];
        }

        var schema = schemas.GetOrAdd($"{method} {template} {status} {mediaType}", _ => Build(schemaNode));
        // The quick yes/no first (large bodies such as a 10,000-assignment generate stay cheap), details only on failure.
        if (schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid)
        {
            return [];
        }

        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });
        return Failures(result).Distinct().Take(20).DefaultIfEmpty("the body does not match the schema").ToList();
    }

    /// <summary>The errors of the failed parts only (a oneOf branch that failed while another matched is no failure).</summary>
    private static IEnumerable<string> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            var at = node.InstanceLocation.ToString() is { Length: > 0 } location ? location : "/";
            yield return $"{at}: {error.Value} [{node.EvaluationPath}]";
        }

        var found = node.Errors is { Count: > 0 };
        foreach (var child in node.Details ?? [])
        {
            foreach (var failure in Failures(child))
            {
                found = true;
                yield return failure;
            }
        }

        if (!found)
        {
            // e.g. a oneOf whose branches all match: nothing failed below, the combination did.
            var at = node.InstanceLocation.ToString() is { Length: > 0 } location ? location : "/";
            yield return $"{at}: does not match [{node.EvaluationPath}]";
        }
    }

    private (string Template, JsonObject Operation)? Find(string method, string path)
    {
        foreach (var (pattern, template, item) in paths)
        {
            if (pattern.IsMatch(path) && item[method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    private JsonSchema Build(JsonNode schemaNode)
    {
        var root = Close(Rewrite(schemaNode.DeepClone()));
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = definitions.DeepClone(),
            ["allOf"] = new JsonArray(root),
        };
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var id = Interlocked.Increment(ref schemaCount);
        return JsonSchema.FromText(wrapper.ToJsonString(), options, new Uri($"urn:feedback:contract:{id}"));
    }

    private JsonNode Resolve(JsonNode node)
    {
        // A $ref to a component response: #/components/responses/X
        while (node["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/", StringComparison.Ordinal))
        {
            node = reference["#/".Length..].Split('/').Aggregate((JsonNode)document, (n, segment) => n[segment]!);
        }

        return node;
    }

    /// <summary>Component references, moved to where JSON Schema looks for them.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        var text = node.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonNode.Parse(text)!;
    }

    /// <summary>An object schema that lists its properties and says nothing about others allows no others.</summary>
    private static JsonNode Close(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.ToList())
                {
                    if (child.Value is not null)
                    {
                        Close(child.Value);
                    }
                }

                if (obj["properties"] is JsonObject && obj["additionalProperties"] is null
                    && obj["allOf"] is null && obj["anyOf"] is null && obj["oneOf"] is null && obj["$ref"] is null)
                {
                    obj["additionalProperties"] = false;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Close(item);
                    }
                }

                break;
        }

        return node;
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static Regex TemplatePattern(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+");
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant);
    }
}
