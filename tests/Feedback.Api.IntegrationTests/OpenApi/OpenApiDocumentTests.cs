using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Feedback.Api.IntegrationTests.OpenApi;

/// <summary>What a reader of Swagger UI and a client generator rely on, beyond what Redocly's rules say.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiDocumentTests(FeedbackApiFactory api)
{
    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await api.ClientWithToken(null).GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    [Fact]
    public async Task AnonymousOperationsSaySoWithAnEmptySecurityList_AndEveryOtherNeedsTheBearerToken()
    {
        var document = await DocumentAsync();
        var anonymous = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var security = operation["security"]?.AsArray();
            Assert.True(security is not null, $"{method} {path} has no security");
            if (security.Count == 0)
            {
                anonymous.Add($"{method.ToUpperInvariant()} {path}");
            }
            else
            {
                Assert.Equal("Bearer", security.Single()!.AsObject().Single().Key);
                Assert.True(operation["responses"]!["401"] is not null && operation["responses"]!["403"] is not null, $"{method} {path}");
            }
        }

        Assert.Equal(
            ["GET /rate", "GET /scim/v2/ResourceTypes", "GET /scim/v2/Schemas", "GET /scim/v2/Schemas/{id}", "GET /scim/v2/ServiceProviderConfig"],
            anonymous.Order());
    }

    [Fact]
    public async Task TextIsMarkdownSafe_NothingReadsAsAnHtmlTag()
    {
        var document = await DocumentAsync();
        var offending = Texts(document).Where(t => HtmlLike().IsMatch(CodeSpan().Replace(t, ""))).ToList();
        Assert.True(offending.Count == 0, "Text that Swagger UI would read as HTML (wrap it in backticks):\n" + string.Join("\n", offending));
        Assert.Contains(Texts(document), t => t.Contains("`scores.<key>`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheQuadrantIsOnePlainStringEnum_AndNullableOnlyWhereItIsUsed()
    {
        var document = await DocumentAsync();
        var quadrant = document["components"]!["schemas"]!["Quadrant"]!;
        Assert.Equal("string", quadrant["type"]!.GetValue<string>());
        Assert.Equal(["leaderAndManager", "leaderOnly", "managerOnly", "developing"], quadrant["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var inGapItem = document["components"]!["schemas"]!["GapReportItem"]!["properties"]!["quadrant"]!;
        Assert.Equal("#/components/schemas/Quadrant", inGapItem["$ref"]!.GetValue<string>()); // always set for a reportable subject
    }

    [Fact]
    public async Task OptionalRequestMembersAreNotRequired_AndResponseMembersAlwaysWrittenAre()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        string[] Required(string name) => schemas[name]!["required"]?.AsArray().Select(v => v!.GetValue<string>()).Order().ToArray() ?? [];

        Assert.Equal(["name"], Required("CreateCycleRequest"));
        Assert.Equal(["scores"], Required("SubmitSheetRequest"));
        Assert.Equal(["displayName"], Required("UpsertPersonRequest"));
        Assert.Equal(["displayName", "externalId"], Required("PersonImportRow"));
        Assert.Equal([], Required("GenerateAssignmentsRequest"));
        Assert.Equal(["raterExternalId", "relationship", "subjectExternalId"], Required("CreateAssignmentRequest"));
        Assert.Contains("email", Required("PersonProfile")); // always written, null when unknown
        Assert.DoesNotContain("title", Required("ScimUser")); // SCIM leaves unset attributes out
    }

    [Fact]
    public async Task EveryRequestBodyHasAnExample()
    {
        var missing = Operations(await DocumentAsync())
            .SelectMany(o => (o.Operation["requestBody"]?["content"]?.AsObject() ?? [])
                .Where(c => c.Value!["example"] is null && c.Value["examples"] is null)
                .Select(c => $"{o.Method.ToUpperInvariant()} {o.Path} ({c.Key})"))
            .ToList();
        Assert.True(missing.Count == 0, "Request bodies without an example:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task TheRequestExamplesWorkAsTheyStand_InTheOrderAUserTriesThem()
    {
        var document = await DocumentAsync();
        JsonNode Example(string operationId, string mediaType = "application/json") =>
            Operations(document).Single(o => o.Operation["operationId"]!.GetValue<string>() == operationId)
                .Operation["requestBody"]!["content"]![mediaType]!["example"]!.DeepClone();
        var org = await api.CreateOrganizationAsync();
        var admin = org.Admin;

        async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, params HttpStatusCode[] expected)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8,
                    path.StartsWith("/scim", StringComparison.Ordinal) ? "application/scim+json" : "application/json");
            }

            var response = await admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected.Contains(response.StatusCode), $"{method} {path}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        await SendAsync(HttpMethod.Post, "/v1/people/import", Example("ImportPeople"), HttpStatusCode.OK);
        var csv = Example("ImportPeople", "text/csv").GetValue<string>();
        var csvResponse = await admin.PostAsync("/v1/people/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.True(csvResponse.IsSuccessStatusCode, await csvResponse.Content.ReadAsStringAsync());
        await SendAsync(HttpMethod.Put, "/v1/people/e-1004", Example("UpsertPerson"), HttpStatusCode.Created);
        await SendAsync(HttpMethod.Post, "/v1/api-keys", Example("CreateApiKey"), HttpStatusCode.Created);
        var cycle = (await SendAsync(HttpMethod.Post, "/v1/cycles", Example("CreateCycle"), HttpStatusCode.Created)).GetProperty("id").GetString();
        // After the cycle: the sheet examples are for the default catalog, which a new behavior would extend.
        await SendAsync(HttpMethod.Put, "/v1/behaviors/giving-feedback", Example("PutBehavior"), HttpStatusCode.Created);
        var assignment = (await SendAsync(HttpMethod.Post, $"/v1/cycles/{cycle}/assignments", Example("CreateAssignment"), HttpStatusCode.Created))
            .GetProperty("id").GetString();
        await SendAsync(HttpMethod.Post, $"/v1/cycles/{cycle}/assignments/generate", Example("GenerateAssignments"), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/v1/cycles/{cycle}/open", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"/v1/cycles/{cycle}/assignments/{assignment}/leadership", Example("SubmitLeadershipSheet"), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"/v1/cycles/{cycle}/assignments/{assignment}/management", Example("SubmitManagementSheet"), HttpStatusCode.OK);
        var scimUser = (await SendAsync(HttpMethod.Post, "/scim/v2/Users", Example("CreateScimUser"), HttpStatusCode.Created)).GetProperty("id").GetString();
        await SendAsync(HttpMethod.Put, $"/scim/v2/Users/{scimUser}", Example("ReplaceScimUser"), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{scimUser}", Example("PatchScimUser"), HttpStatusCode.OK);
        // CreateWebhook's receiver does not exist, but its name resolves to a public address here (TestDns): it is accepted.
        var webhook = (await SendAsync(HttpMethod.Post, "/v1/webhooks", Example("CreateWebhook"), HttpStatusCode.Created)).GetProperty("id").GetString();
        await SendAsync(HttpMethod.Post, $"/v1/webhooks/{webhook}/secret", Example("RotateWebhookSecret"), HttpStatusCode.OK);
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => (p.Key is "description" or "summary") && p.Value is JsonValue v && v.TryGetValue<string>(out var s)
            ? [s]
            : p.Key is "example" or "examples" ? [] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("</?[A-Za-z][^>]*>")]
    private static partial Regex HtmlLike();
}
