using System.Text;
using CsCheck;

namespace Feedback.Api.IntegrationTests.Security.Fuzzing;

/// <summary>Who sends a fuzzed request.</summary>
public enum FuzzCaller { Admin, Rater, Garbage, None }

/// <summary>One request the fuzzer sends.</summary>
public sealed record FuzzRequest(
    string Operation, string Method, string Url, string? ContentType, byte[]? Body, IReadOnlyList<(string Name, string Value)> Headers, FuzzCaller Caller)
{
    public HttpRequestMessage ToMessage(string? token)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return message;
    }

    /// <summary>What CsCheck prints for a failing request (bodies cut short).</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300
            ? $"{Body.Length} bytes: {Encoding.UTF8.GetString(Body, 0, 300)}…"
            : Encoding.UTF8.GetString(Body);
        return $"{Method} {Url} as {Caller} [{ContentType}] {string.Join(" ", Headers.Select(h => $"{h.Name}: {h.Value}"))} {body}";
    }
}

/// <summary>The resources the fuzzed requests address when they do not mangle the address itself.</summary>
public sealed record FuzzTargets(
    Guid OpenCycle, Guid ClosedCycle, Guid Assignment, string Person, Guid SpareApiKey, Guid Webhook, string ScimUser, string Behavior)
{
    public string For(string parameter, string path) => parameter switch
    {
        "cycleId" => (path.Contains("/reports/", StringComparison.Ordinal) ? ClosedCycle : OpenCycle).ToString(),
        "assignmentId" => Assignment.ToString(),
        "externalId" => Person,
        "key" => Behavior,
        "id" when path.StartsWith("/v1/api-keys", StringComparison.Ordinal) => SpareApiKey.ToString(),
        "id" when path.StartsWith("/v1/webhooks", StringComparison.Ordinal) => Webhook.ToString(),
        "id" when path.StartsWith("/scim/v2/Users", StringComparison.Ordinal) => ScimUser,
        "id" when path.StartsWith("/scim/v2/Schemas", StringComparison.Ordinal) => "urn:ietf:params:scim:schemas:core:2.0:User",
        _ => Guid.NewGuid().ToString(),
    };
}

/// <summary>Builds the generator of hostile requests for each operation from what the document says about it.</summary>
public sealed class FuzzRequests(SchemaJson json, FuzzTargets targets)
{
    private const int OneMiB = 1024 * 1024;

    private static readonly Gen<string?> Idempotency = Gen.Frequency<string?>(
        (85, Gen.Const(() => (string?)null)),
        (10, HostileValues.Letters(1, 40).Select(s => (string?)s)),
        (5, Gen.OneOfConst<string?>("", " ", new string('k', 255), new string('k', 256), new string('k', 4000), "a,b", "\"quoted\"")));

    private static readonly Gen<string?> IfMatch = Gen.Frequency<string?>(
        (90, Gen.Const(() => (string?)null)),
        (10, Gen.OneOfConst<string?>("*", "\"1\"", "W/\"1\"", "garbage", "\"\"", "\"99999999999\"", "\"-1\"", "\"1\", \"2\"", ",,,")));

    private static readonly Gen<string?> Accept = Gen.Frequency<string?>(
        (88, Gen.Const(() => (string?)null)),
        (12, Gen.OneOfConst<string?>("text/csv", "application/xml", "*/*", "text/csv;q=0.1, application/json", "garbage", "image/svg+xml",
            "text/html", "application/json;q=0", "text/csv;q=abc", "application/problem+json")));

    public Gen<FuzzRequest> For(OpenApiOperation operation)
    {
        var path = PathFor(operation);
        var query = QueryFor(operation);
        var body = BodyFor(operation);
        var caller = CallerFor(operation);
        var headers = Gen.Select(Idempotency, IfMatch, Accept, (key, match, accept) =>
        {
            var list = new List<(string, string)>();
            if (key is not null && operation.Method == "POST")
            {
                list.Add(("Idempotency-Key", key));
            }

            if (match is not null)
            {
                list.Add(("If-Match", match));
            }

            if (accept is not null)
            {
                list.Add(("Accept", accept));
            }

            return (IReadOnlyList<(string, string)>)list;
        });
        return Gen.Select(path, query, body, headers, caller, (p, q, b, h, c) =>
            new FuzzRequest(operation.Name, operation.Method, p + q, b.ContentType, b.Body, h, c));
    }

    private Gen<string> PathFor(OpenApiOperation operation)
    {
        var segments = operation.Path.Split('/').Select(segment =>
        {
            if (!segment.StartsWith('{'))
            {
                return Gen.Const(segment);
            }

            var name = segment.Trim('{', '}');
            var valid = Uri.EscapeDataString(targets.For(name, operation.Path));
            return Gen.Frequency<string>((85, Gen.Const(valid)), (15, HostileValues.PathSegment));
        });
        return SchemaJson.Sequence(segments).Select(parts => string.Join('/', parts));
    }

    private Gen<string> QueryFor(OpenApiOperation operation)
    {
        var parameters = operation.Parameters.Where(p => p.In == "query").Select(p =>
        {
            var sound = p.Schema is { } schema ? json.For(schema).Select(v => Uri.EscapeDataString(v.Trim('"'))) : HostileValues.QueryValue;
            var value = Gen.Frequency<string>((2, sound), (1, HostileValues.QueryValue));
            return Gen.Frequency<string?>(
                (50, Gen.Const(() => (string?)null)),
                (45, value.Select(v => (string?)$"{p.Name}={v}")),
                (5, Gen.Select(value, value, (a, b) => (string?)$"{p.Name}={a}&{p.Name}={b}")));
        }).ToList();
        parameters.Add(Gen.Frequency<string?>((95, Gen.Const(() => (string?)null)), (5, HostileValues.QueryValue.Select(v => (string?)$"zzUnknown={v}"))));
        return SchemaJson.Sequence(parameters).Select(all => all.Any(a => a is not null) ? "?" + string.Join('&', all.Where(a => a is not null)) : "");
    }

    private Gen<(string? ContentType, byte[]? Body)> BodyFor(OpenApiOperation operation)
    {
        if (operation.Bodies.Count == 0)
        {
            var stray = HostileValues.AnyJson.Select(j => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(j)));
            return operation.Method is "GET" or "DELETE"
                ? Gen.Frequency<(string?, byte[]?)>((95, Gen.Const(() => ((string?)null, (byte[]?)null))), (5, stray))
                : Gen.Frequency<(string?, byte[]?)>((60, Gen.Const(() => ((string?)null, (byte[]?)null))), (40, stray.SelectMany(Mangle)));
        }

        var bodies = operation.Bodies.Select(b => b.Key == "text/csv"
            ? Csv.Select(text => (b.Key, text))
            : json.For(b.Value).Select(text => (b.Key, text))).ToArray();
        return Gen.OneOf(bodies).SelectMany(b => Mangle((b.Key, Encoding.UTF8.GetBytes(b.text))));
    }

    /// <summary>What can go wrong with a body on the way: encoding, framing, size, nesting, the content type.</summary>
    private static Gen<(string? ContentType, byte[]? Body)> Mangle((string? ContentType, byte[]? Body) sound)
    {
        var body = sound.Body ?? [];
        var asIs = Gen.Const(body);
        var mangled = Gen.Frequency<byte[]>(
            (50, asIs),
            (6, Gen.OneOfConst("[]", "{}", "\"x\"", "42", "null", "true", "[{}]", "{\"\":\"\"}").Select(Encoding.UTF8.GetBytes)),
            (6, Gen.Int[0, Math.Max(0, body.Length - 1)].Select(n => body[..n])),
            (3, Gen.Int[65, 20_000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
            (2, Gen.Int[65, 3_000].Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))),
            (6, Gen.Select(Gen.Int[0, Math.Max(0, body.Length)], Gen.OneOfConst(new byte[] { 0xC3, 0x28 }, [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0x80]),
                (at, bad) => body[..at].Concat(bad).Concat(body[at..]).ToArray())),
            (2, Gen.Select(Gen.Int[200_000, OneMiB + 100_000], Gen.OneOfConst("x", "é", "\\u0000"),
                (n, c) => Encoding.UTF8.GetBytes("{\"name\":\"" + string.Concat(Enumerable.Repeat(c, n / c.Length)) + "\"}"))),
            (2, Gen.Const(() => body.Concat(Enumerable.Repeat((byte)' ', Math.Max(0, OneMiB + 1 - body.Length))).ToArray())),
            (1, Gen.Const(() => Enumerable.Repeat((byte)' ', Math.Max(0, OneMiB - 1 - body.Length)).Concat(body).ToArray())),
            (5, Gen.Const(System.Array.Empty<byte>())),
            (4, Gen.Byte.Array[1, 300]),
            (3, Gen.Const(() => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray())),
            (2, Gen.Const(() => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body)))));
        var contentType = Gen.Frequency<string?>(
            (80, Gen.Const(() => sound.ContentType)),
            (4, Gen.Const(() => (string?)"text/plain")),
            (3, Gen.Const(() => (string?)"application/xml")),
            (4, Gen.Const(() => (string?)null)),
            (3, Gen.Const(() => (string?)"application/json; charset=iso-8859-1")),
            (2, Gen.Const(() => (string?)"multipart/form-data; boundary=x")),
            (2, Gen.Const(() => (string?)"application/x-www-form-urlencoded")),
            (2, Gen.Const(() => (string?)"text/csv")),
            (1, Gen.Const(() => (string?)"application/json; garbage")));
        return Gen.Select(contentType, mangled, (type, bytes) => (type, (byte[]?)bytes));
    }

    /// <summary>CSV as an HR export might be, and as it might break: quotes, separators, injections, odd headers.</summary>
    private static readonly Gen<string> Csv = Gen.Select(
        Gen.OneOfConst("externalId,displayName,email,managerExternalId,department,title,active", "externalId,displayName", "displayName",
            "externalId;displayName", "\"externalId\",\"displayName\"", "", "externalId,externalId,displayName", "\uFEFFexternalId,displayName"),
        Gen.OneOfConst("e-1,Ann", "e-2,\"Quoted, name\"", "e-3,\"unterminated", "e-4,=HYPERLINK(\"x\")", ",,,,,,,", "e-5,Ann,not-an-email,,,,maybe",
            "e-6,Ann,,e-6", "e-7,Ann,,nobody", "\"\",\"\"", "e-8,\"a\"\"b\"", "e 9,Bad id", new string(',', 500), "e-10," + new string('n', 300)).Array[0, 6],
        (header, rows) => header + "\r\n" + string.Join("\n", rows));

    private static Gen<FuzzCaller> CallerFor(OpenApiOperation operation) =>
        operation.Path == "/v1/assignments/me"
            ? Gen.Frequency<FuzzCaller>((90, Gen.Const(FuzzCaller.Rater)), (5, Gen.Const(FuzzCaller.Garbage)), (5, Gen.Const(FuzzCaller.Admin)))
            : operation.Path.EndsWith("/leadership", StringComparison.Ordinal) || operation.Path.EndsWith("/management", StringComparison.Ordinal)
                ? Gen.Frequency<FuzzCaller>((48, Gen.Const(FuzzCaller.Rater)), (48, Gen.Const(FuzzCaller.Admin)), (4, Gen.Const(FuzzCaller.Garbage)))
                : Gen.Frequency<FuzzCaller>((94, Gen.Const(FuzzCaller.Admin)), (3, Gen.Const(FuzzCaller.Garbage)), (3, Gen.Const(FuzzCaller.None)));
}
