using System.Text;
using System.Text.Json.Nodes;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>
/// API.md, Conventions: JSON bodies are strict, an unknown field → 400 naming it, so a misspelled option never falls
/// back silently to a default. Every operation of the published document that takes a JSON body is tried (SCIM
/// excepted: RFC 7644 ignores unknown attributes). A new such operation fails here until it has a sample below.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StrictJsonBodyTests(FeedbackApiFactory api)
{
    private const string Unknown = "bogusOption";

    /// <summary>What every sample can refer to: a fresh organization with people, a draft and an open cycle, an assignment,
    /// a webhook.</summary>
    public sealed record Fixture(TestOrganization Org, Guid Draft, Guid Open, Guid Assignment, Guid Webhook);

    /// <summary>A valid-looking body per operation (by operationId), and the address to send it to.</summary>
    private static readonly Dictionary<string, Func<Fixture, (string Url, JsonNode Body)>> Samples = new()
    {
        ["CreateApiKey"] = _ => ("/v1/api-keys", Json(new { name = "strict", scopes = new[] { "reports:read" } })),
        ["UpsertPerson"] = _ => ("/v1/people/new-person", Json(new { displayName = "New Person", managerExternalId = "boss" })),
        ["ImportPeople"] = _ => ("/v1/people/import", Json(new[] { new { externalId = "imported", displayName = "Imported" } })),
        ["PutBehavior"] = _ => ("/v1/behaviors/strict-behavior", Json(new { dimension = "leadership", name = "Strict", description = "Says what it means." })),
        ["CreateCycle"] = _ => ("/v1/cycles", Json(new { name = "Strict", anonymityThreshold = 4 })),
        ["CreateAssignment"] = f => ($"/v1/cycles/{f.Draft}/assignments",
            Json(new { subjectExternalId = "ann", raterExternalId = "boss", relationship = "manager" })),
        ["GenerateAssignments"] = f => ($"/v1/cycles/{f.Draft}/assignments/generate",
            Json(new { relationships = new[] { "self", "peer" }, maxPeersPerSubject = 2 })),
        ["SubmitLeadershipSheet"] = f => ($"/v1/cycles/{f.Open}/assignments/{f.Assignment}/leadership",
            Json(new { scores = RatingsSeed.Leadership.ToDictionary(k => k, _ => (int?)4), comment = "Fine." })),
        ["SubmitManagementSheet"] = f => ($"/v1/cycles/{f.Open}/assignments/{f.Assignment}/management",
            Json(new { scores = RatingsSeed.Management.ToDictionary(k => k, _ => (int?)3) })),
        ["CreateWebhook"] = _ => ("/v1/webhooks", Json(new { url = "https://hooks.example.com/feedback", events = new[] { "cycle.closed" } })),
        ["RotateWebhookSecret"] = f => ($"/v1/webhooks/{f.Webhook}/secret", Json(new { overlapSeconds = 60 })),
        ["RecordOutcome"] = f => ($"/v1/cycles/{f.Open}/outcomes/ann", Json(new { productivity = 1.5, retention = 1 })),
        ["ImportOutcomes"] = f => ($"/v1/cycles/{f.Open}/outcomes/import", Json(new[] { new { externalId = "ann", engagement = 3.0 } })),
    };

    private static IEnumerable<string> JsonBodyOperationIds() =>
        PublishedOperations.All.Where(o => o.TakesJson && !o.Path.StartsWith("/scim/", StringComparison.Ordinal)).Select(o => o.OperationId);

    public static TheoryData<string> JsonBodyOperations => [.. JsonBodyOperationIds()];

    [Theory]
    [MemberData(nameof(JsonBodyOperations))]
    public async Task AnUnknownField_Is400NamingIt_AndTheSameBodyWithoutItIsAccepted(string operationId)
    {
        var operation = PublishedOperations.All.Single(o => o.OperationId == operationId);
        Assert.True(Samples.TryGetValue(operationId, out var sample),
            $"{operation} takes a JSON body but has no sample in {nameof(StrictJsonBodyTests)}.{nameof(Samples)}: add one.");
        var fixture = await FixtureAsync();
        var (url, body) = sample(fixture);

        var refused = await fixture.Org.Admin.SendAsync(Request(operation.Method, url, WithUnknownField(body)));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        var named = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];
        Assert.True(named.Any(n => n == Unknown || n.EndsWith("." + Unknown, StringComparison.Ordinal)),
            $"{operation}: the 400 does not name '{Unknown}' in errors: {problem}");

        var accepted = await fixture.Org.Admin.SendAsync(Request(operation.Method, url, body));
        Assert.True(accepted.IsSuccessStatusCode, $"{operation}: the sample without the unknown field was refused: "
            + $"{(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public void EverySample_BelongsToAPublishedJsonBodyOperation()
    {
        var published = JsonBodyOperationIds().ToHashSet();
        Assert.True(published.Count >= 10, $"only {published.Count} JSON-body operations found: is the document read right?");
        var stale = Samples.Keys.Where(k => !published.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"samples for operations the document no longer has: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task AMisspelledGenerateOption_NeverFallsBackToTheDefaults()
    {
        // The issue's example: "include" and "maxPeers" are not options of generate (relationships, maxPeersPerSubject).
        var fixture = await FixtureAsync();
        var response = await fixture.Org.Admin.PostAsync($"/v1/cycles/{fixture.Draft}/assignments/generate",
            new StringContent("""{"include": ["self"], "maxPeers": 3}""", Encoding.UTF8, "application/json"));

        var problem = await response.AssertValidationProblemAsync("include");
        Assert.Contains("Unknown field", problem.GetProperty("errors").GetProperty("include")[0].GetString(), StringComparison.Ordinal);
        var assignments = await fixture.Org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{fixture.Draft}/assignments");
        Assert.Equal(0, assignments.GetProperty("items").GetArrayLength()); // nothing was generated with the defaults
    }

    [Fact]
    public async Task AnUnknownNestedField_IsNamedWithItsPath()
    {
        var fixture = await FixtureAsync();
        var response = await fixture.Org.Admin.PostAsync("/v1/people/import", new StringContent(
            """[{"externalId": "a", "displayName": "A"}, {"externalId": "b", "displayName": "B", "managr": "a"}]""", Encoding.UTF8, "application/json"));

        await response.AssertValidationProblemAsync("rows[1].managr");
        await (await fixture.Org.Admin.GetAsync("/v1/people/a")).AssertProblemAsync(HttpStatusCode.NotFound); // all or nothing
    }

    private async Task<Fixture> FixtureAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var draft = await org.CreateCycleAsync(new { name = "Draft" });
        var open = await org.CreateCycleAsync(new { name = "Open" });
        var (assignment, _) = await org.AssignAsync(open, "ann", "bob", "peer");
        await org.TransitionAsync(open, "open");
        var webhook = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/strict", events = new[] { "cycle.opened" } });
        return new Fixture(org, draft, open, assignment, (await webhook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static JsonNode WithUnknownField(JsonNode body)
    {
        var copy = body.DeepClone();
        var target = copy is JsonArray rows ? rows[0]!.AsObject() : copy.AsObject();
        target[Unknown] = 3;
        return copy;
    }

    private static HttpRequestMessage Request(string method, string url, JsonNode body) =>
        new(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };

    private static JsonNode Json<T>(T value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web)!;
}
