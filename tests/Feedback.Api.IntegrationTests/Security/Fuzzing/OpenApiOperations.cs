namespace Feedback.Api.IntegrationTests.Security.Fuzzing;

/// <summary>A parameter of an operation as the OpenAPI document declares it.</summary>
public sealed record OperationParameter(string Name, string In, bool Required, JsonElement? Schema);

/// <summary>One operation of the published document: what the fuzzer knows about it.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OperationParameter> Parameters,
    IReadOnlyDictionary<string, JsonElement> Bodies)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;
}

/// <summary>Reads the operations and resolves <c>$ref</c>s of an OpenAPI 3.x document.</summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public IReadOnlyList<OpenApiOperation> Operations() =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(m => new OpenApiOperation(
                m.Name.ToUpperInvariant(),
                path.Name,
                (m.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
                    .Select(Resolve)
                    .Select(p => new OperationParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var r) && r.GetBoolean(),
                        p.TryGetProperty("schema", out var s) ? Resolve(s) : null))
                    .ToList(),
                m.Value.TryGetProperty("requestBody", out var body) && Resolve(body).TryGetProperty("content", out var content)
                    ? content.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.TryGetProperty("schema", out var s) ? Resolve(s) : default)
                    : new Dictionary<string, JsonElement>())))
            .ToList();

    /// <summary>Follows <c>$ref</c> (local references only) until a schema without one.</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference) && hops < 32; hops++)
        {
            var target = Root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
            }

            element = target;
        }

        return element;
    }
}
