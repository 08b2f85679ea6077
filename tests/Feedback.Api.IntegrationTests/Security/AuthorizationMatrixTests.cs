using System.Net.Http.Headers;
using System.Text;
using Feedback.Api.IntegrationTests.Scim;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>The API without per-credential rate limits: the matrix sends hundreds of requests with a few keys.</summary>
public sealed class UnlimitedApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:RateLimits:Enabled", "false");
    }
}

/// <summary>
/// Every operation of the published OpenAPI document, called as each kind of caller, against the status this table
/// expects. An operation without a row fails the test (add its row when you add the operation), and so does a row
/// whose operation is gone. Resources belong to organization A; "other org" is an admin key of organization B; "rater
/// this" is the rater token of the assignment the sheet operations address, "rater other" another assignment's in the
/// same cycle. Any 2xx answered to organization B must not mention organization A's resources.
/// </summary>
public sealed class AuthorizationMatrixTests(UnlimitedApiFactory api, ITestOutputHelper output) : IClassFixture<UnlimitedApiFactory>
{
    public enum Who { NoToken, UnknownToken, RevokedKey, PeopleWrite, CyclesWrite, RatingsWrite, ReportsRead, Admin, RaterThis, RaterOther, OtherOrg }

    private static readonly Who[] Columns = Enum.GetValues<Who>();

    /// <summary>Expected status per caller, in the order of <see cref="Who"/>:
    /// no token, unknown token, revoked key, people:write, cycles:write, ratings:write, reports:read, admin, rater this, rater other, other org.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        // API keys: admin only; another organization manages its own.
        ["POST /v1/api-keys"] = [401, 401, 401, 403, 403, 403, 403, 201, 403, 403, 201],
        ["GET /v1/api-keys"] = [401, 401, 401, 403, 403, 403, 403, 200, 403, 403, 200],
        ["DELETE /v1/api-keys/{id}"] = [401, 401, 401, 403, 403, 403, 403, 204, 403, 403, 404],

        // People: people:write writes; people:write or reports:read read.
        ["PUT /v1/people/{externalId}"] = [401, 401, 401, 201, 403, 403, 403, 201, 403, 403, 201],
        ["GET /v1/people/{externalId}"] = [401, 401, 401, 200, 403, 403, 200, 200, 403, 403, 404],
        ["GET /v1/people"] = [401, 401, 401, 200, 403, 403, 200, 200, 403, 403, 200],
        ["DELETE /v1/people/{externalId}"] = [401, 401, 401, 204, 403, 403, 403, 204, 403, 403, 404],
        ["POST /v1/people/import"] = [401, 401, 401, 200, 403, 403, 403, 200, 403, 403, 200],

        // Behaviors: any API key reads, admin writes.
        ["GET /v1/behaviors"] = [401, 401, 401, 200, 200, 200, 200, 200, 403, 403, 200],
        ["PUT /v1/behaviors/{key}"] = [401, 401, 401, 403, 403, 403, 403, 201, 403, 403, 201],
        ["DELETE /v1/behaviors/{key}"] = [401, 401, 401, 403, 403, 403, 403, 204, 403, 403, 404],

        // Cycles: cycles:write writes; cycles:write or reports:read read.
        ["POST /v1/cycles"] = [401, 401, 401, 403, 201, 403, 403, 201, 403, 403, 201],
        ["GET /v1/cycles"] = [401, 401, 401, 403, 200, 403, 200, 200, 403, 403, 200],
        ["GET /v1/cycles/{cycleId}"] = [401, 401, 401, 403, 200, 403, 200, 200, 403, 403, 404],
        ["POST /v1/cycles/{cycleId}/open"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["POST /v1/cycles/{cycleId}/close"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["GET /v1/cycles/{cycleId}/progress"] = [401, 401, 401, 403, 200, 403, 200, 200, 403, 403, 404],

        // Assignments: cycles:write; the rater token reads its own.
        ["POST /v1/cycles/{cycleId}/assignments"] = [401, 401, 401, 403, 201, 403, 403, 201, 403, 403, 404],
        ["POST /v1/cycles/{cycleId}/assignments/generate"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["GET /v1/cycles/{cycleId}/assignments"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["POST /v1/cycles/{cycleId}/assignments/{assignmentId}/token"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["GET /v1/assignments/me"] = [401, 401, 401, 403, 403, 403, 403, 403, 200, 200, 403],

        // Sheets: the assignment's own rater token or ratings:write; another assignment's token learns nothing (404).
        ["PUT /v1/cycles/{cycleId}/assignments/{assignmentId}/leadership"] = [401, 401, 401, 403, 403, 200, 403, 200, 200, 404, 404],
        ["PUT /v1/cycles/{cycleId}/assignments/{assignmentId}/management"] = [401, 401, 401, 403, 403, 200, 403, 200, 200, 404, 404],

        // Reports: reports:read.
        ["GET /v1/cycles/{cycleId}/reports/people/{externalId}"] = [401, 401, 401, 403, 403, 403, 200, 200, 403, 403, 404],
        ["GET /v1/cycles/{cycleId}/reports/gaps"] = [401, 401, 401, 403, 403, 403, 200, 200, 403, 403, 404],
        ["GET /v1/people/{externalId}/reports/trend"] = [401, 401, 401, 403, 403, 403, 200, 200, 403, 403, 404],

        // Outcomes: cycles:write; their reports: reports:read.
        ["PUT /v1/cycles/{cycleId}/outcomes/{externalId}"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["POST /v1/cycles/{cycleId}/outcomes/import"] = [401, 401, 401, 403, 200, 403, 403, 200, 403, 403, 404],
        ["GET /v1/cycles/{cycleId}/reports/outcomes"] = [401, 401, 401, 403, 403, 403, 200, 200, 403, 403, 404],
        ["GET /v1/cycles/{cycleId}/reports/teams"] = [401, 401, 401, 403, 403, 403, 200, 200, 403, 403, 404],

        // The rater page: static, anybody (its API calls carry the rater token).
        ["GET /rate"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],

        // Webhooks: admin.
        ["POST /v1/webhooks"] = [401, 401, 401, 403, 403, 403, 403, 201, 403, 403, 201],
        ["GET /v1/webhooks"] = [401, 401, 401, 403, 403, 403, 403, 200, 403, 403, 200],
        ["GET /v1/webhooks/{id}"] = [401, 401, 401, 403, 403, 403, 403, 200, 403, 403, 404],
        ["DELETE /v1/webhooks/{id}"] = [401, 401, 401, 403, 403, 403, 403, 204, 403, 403, 404],
        ["POST /v1/webhooks/{id}/secret"] = [401, 401, 401, 403, 403, 403, 403, 200, 403, 403, 404],
        ["GET /v1/webhooks/{id}/deliveries"] = [401, 401, 401, 403, 403, 403, 403, 200, 403, 403, 404],

        // SCIM: people:write; discovery needs no token (and ignores a bad one).
        ["GET /scim/v2/Users"] = [401, 401, 401, 200, 403, 403, 403, 200, 403, 403, 200],
        ["GET /scim/v2/Users/{id}"] = [401, 401, 401, 200, 403, 403, 403, 200, 403, 403, 404],
        ["POST /scim/v2/Users"] = [401, 401, 401, 201, 403, 403, 403, 201, 403, 403, 201],
        ["PUT /scim/v2/Users/{id}"] = [401, 401, 401, 200, 403, 403, 403, 200, 403, 403, 404],
        ["PATCH /scim/v2/Users/{id}"] = [401, 401, 401, 200, 403, 403, 403, 200, 403, 403, 404],
        ["DELETE /scim/v2/Users/{id}"] = [401, 401, 401, 204, 403, 403, 403, 204, 403, 403, 404],
        ["GET /scim/v2/ServiceProviderConfig"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scim/v2/ResourceTypes"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scim/v2/Schemas"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scim/v2/Schemas/{id}"] = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    };

    [Fact]
    public async Task EveryOperation_AnswersEveryKindOfCaller_AsTheTableSays()
    {
        var operations = await OperationsAsync();
        var missing = operations.Where(o => !Expected.ContainsKey(o)).ToList();
        Assert.True(missing.Count == 0, "Operations without a row in the matrix (add them):\n" + string.Join("\n", missing));
        var stale = Expected.Keys.Where(k => !operations.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rows for operations the document no longer has:\n" + string.Join("\n", stale));
        Assert.All(Expected, row => Assert.Equal(Columns.Length, row.Value.Length));

        var world = await World.BuildAsync(api);
        var failures = new List<string>();
        var cells = 0;
        foreach (var operation in operations)
        {
            foreach (var who in Columns)
            {
                cells++;
                var expected = Expected[operation][(int)who];
                using var request = await world.RequestAsync(operation, who);
                using var response = await world.ClientFor(who).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != expected)
                {
                    failures.Add($"{operation} as {who}: expected {expected}, got {(int)response.StatusCode} {Shorten(body)}");
                }
                else if (who == Who.OtherOrg && response.IsSuccessStatusCode && world.LeakIn(body) is { } leaked)
                {
                    failures.Add($"{operation} as {who}: the answer mentions organization A's {leaked}");
                }
            }
        }

        output.WriteLine($"authorization matrix: {cells} cells ({operations.Count} operations x {Columns.Length} callers), {cells - failures.Count} hold");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells do not hold:\n" + string.Join("\n", failures));
        Assert.True(cells >= operations.Count * Columns.Length);
    }

    private async Task<List<string>> OperationsAsync()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch")
                .Select(m => $"{m.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";

    /// <summary>Organization A's resources and every caller's credential.</summary>
    private sealed class World
    {
        private readonly Dictionary<Who, HttpClient> clients = [];
        private int fresh;

        private World(FeedbackApiFactory api, TestOrganization a) => (Api, A) = (api, a);

        private FeedbackApiFactory Api { get; }

        private TestOrganization A { get; }

        private string Prefix { get; } = "mx" + Guid.NewGuid().ToString("N")[..8];

        private string Subject => $"{Prefix}-subj";

        private Guid OpenCycle { get; set; }

        private Guid ClosedCycle { get; set; }

        private Guid ThisAssignment { get; set; }

        private Guid Webhook { get; set; }

        private string ScimUser { get; set; } = "";

        private List<string> Identifiers { get; } = [];

        public HttpClient ClientFor(Who who) => clients[who];

        public static async Task<World> BuildAsync(FeedbackApiFactory api)
        {
            var world = new World(api, await api.CreateOrganizationAsync());
            await world.SetUpAsync();
            return world;
        }

        private async Task SetUpAsync()
        {
            var other = await Api.CreateOrganizationAsync();
            clients[Who.NoToken] = Api.ClientWithToken(null);
            clients[Who.UnknownToken] = Api.ClientWithToken("fbk_" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));
            clients[Who.PeopleWrite] = await A.ClientWithScopesAsync("people:write");
            clients[Who.CyclesWrite] = await A.ClientWithScopesAsync("cycles:write");
            clients[Who.RatingsWrite] = await A.ClientWithScopesAsync("ratings:write");
            clients[Who.ReportsRead] = await A.ClientWithScopesAsync("reports:read");
            clients[Who.Admin] = A.Admin;
            clients[Who.OtherOrg] = other.Admin;
            var revoked = await A.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "to revoke", scopes = new[] { "admin" } });
            var revokedKey = await revoked.Content.ReadFromJsonAsync<JsonElement>();
            Ok(await A.Admin.DeleteAsync($"/v1/api-keys/{revokedKey.GetProperty("id").GetGuid()}"));
            clients[Who.RevokedKey] = Api.ClientWithToken(revokedKey.GetProperty("key").GetString());

            foreach (var person in new[] { "mgr", "subj", "rater1", "rater2" })
            {
                Ok(await A.Admin.PutAsJsonAsync($"/v1/people/{Prefix}-{person}",
                    new { displayName = $"{Prefix} {person}", managerExternalId = person == "mgr" ? null : $"{Prefix}-mgr" }));
                Identifiers.Add($"{Prefix}-{person}");
            }

            var defaults = RatingsSeed.Leadership.Concat(RatingsSeed.Management).ToArray();
            OpenCycle = await A.CreateCycleAsync(new { name = "matrix open", behaviors = defaults });
            ThisAssignment = await AssignAsync(OpenCycle, "rater1");
            var otherAssignment = await AssignAsync(OpenCycle, "rater2");
            await A.TransitionAsync(OpenCycle, "open");
            clients[Who.RaterThis] = Api.ClientWithToken(RaterTokens[ThisAssignment]);
            clients[Who.RaterOther] = Api.ClientWithToken(RaterTokens[otherAssignment]);

            ClosedCycle = await A.CreateCycleAsync(new { name = "matrix closed", behaviors = defaults });
            await AssignAsync(ClosedCycle, "rater1");
            await A.TransitionAsync(ClosedCycle, "open");
            await A.TransitionAsync(ClosedCycle, "close");

            Webhook = await CreateWebhookAsync();
            ScimUser = await ScimUserAsync();
            Identifiers.AddRange([OpenCycle.ToString(), ClosedCycle.ToString(), ThisAssignment.ToString(), Webhook.ToString(), ScimUser]);
        }

        private Dictionary<Guid, string> RaterTokens { get; } = [];

        private async Task<Guid> AssignAsync(Guid cycleId, string rater)
        {
            var (id, token) = await A.AssignAsync(cycleId, Subject, $"{Prefix}-{rater}", "peer");
            RaterTokens[id] = token;
            return id;
        }

        private async Task<Guid> CreateWebhookAsync()
        {
            var response = await A.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/matrix", events = new[] { "cycle.opened" } });
            return (await Ok(response).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        private async Task<string> ScimUserAsync()
        {
            var scim = A.Admin;
            var user = await (await scim.PostUserAsync(ScimApi.NewUser($"{Prefix}-scim-{Interlocked.Increment(ref fresh)}"))).AssertScimAsync(HttpStatusCode.Created);
            return user.GetProperty("id").GetString()!;
        }

        private string Fresh(string what) => $"{Prefix}-{what}-{Interlocked.Increment(ref fresh)}";

        private async Task<Guid> CycleAsync(string status)
        {
            var id = await A.CreateCycleAsync(new { name = Fresh("cycle") });
            if (status != "draft")
            {
                await A.TransitionAsync(id, "open");
            }

            return id;
        }

        /// <summary>A valid request for the operation; resources the operation consumes are made fresh for each cell.</summary>
        public async Task<HttpRequestMessage> RequestAsync(string operation, Who who) => operation switch
        {
            "POST /v1/api-keys" => Json(HttpMethod.Post, "/v1/api-keys", new { name = "matrix", scopes = new[] { "reports:read" } }),
            "GET /v1/api-keys" => Get("/v1/api-keys"),
            "DELETE /v1/api-keys/{id}" => new(HttpMethod.Delete, $"/v1/api-keys/{await ApiKeyAsync()}"),

            "PUT /v1/people/{externalId}" => Json(HttpMethod.Put, $"/v1/people/{Fresh("person")}", new { displayName = "Matrix Person" }),
            "GET /v1/people/{externalId}" => Get($"/v1/people/{Subject}"),
            "GET /v1/people" => Get("/v1/people"),
            "DELETE /v1/people/{externalId}" => new(HttpMethod.Delete, $"/v1/people/{await PersonAsync()}"),
            "POST /v1/people/import" => Json(HttpMethod.Post, "/v1/people/import", new[] { new { externalId = Fresh("imported"), displayName = "Imported" } }),

            "GET /v1/behaviors" => Get("/v1/behaviors"),
            "PUT /v1/behaviors/{key}" => Json(HttpMethod.Put, $"/v1/behaviors/{Fresh("behavior")}",
                new { dimension = "leadership", name = "Matrix behavior", description = "For the matrix." }),
            "DELETE /v1/behaviors/{key}" => new(HttpMethod.Delete, $"/v1/behaviors/{await BehaviorAsync()}"),

            "POST /v1/cycles" => Json(HttpMethod.Post, "/v1/cycles", new { name = "matrix" }),
            "GET /v1/cycles" => Get("/v1/cycles"),
            "GET /v1/cycles/{cycleId}" => Get($"/v1/cycles/{OpenCycle}"),
            "POST /v1/cycles/{cycleId}/open" => new(HttpMethod.Post, $"/v1/cycles/{await CycleAsync("draft")}/open"),
            "POST /v1/cycles/{cycleId}/close" => new(HttpMethod.Post, $"/v1/cycles/{await CycleAsync("open")}/close"),
            "GET /v1/cycles/{cycleId}/progress" => Get($"/v1/cycles/{OpenCycle}/progress"),

            "POST /v1/cycles/{cycleId}/assignments" => Json(HttpMethod.Post, $"/v1/cycles/{await CycleAsync("draft")}/assignments",
                new { subjectExternalId = Subject, raterExternalId = $"{Prefix}-mgr", relationship = "manager" }),
            "POST /v1/cycles/{cycleId}/assignments/generate" => Json(HttpMethod.Post, $"/v1/cycles/{await CycleAsync("draft")}/assignments/generate",
                new { relationships = new[] { "self" }, subjects = new[] { Subject } }),
            "GET /v1/cycles/{cycleId}/assignments" => Get($"/v1/cycles/{OpenCycle}/assignments"),
            "POST /v1/cycles/{cycleId}/assignments/{assignmentId}/token" => await ReissueAsync(),
            "GET /v1/assignments/me" => Get("/v1/assignments/me"),

            "PUT /v1/cycles/{cycleId}/assignments/{assignmentId}/leadership" =>
                Json(HttpMethod.Put, $"/v1/cycles/{OpenCycle}/assignments/{ThisAssignment}/leadership", SeededAssignment.FullBody("leadership")),
            "PUT /v1/cycles/{cycleId}/assignments/{assignmentId}/management" =>
                Json(HttpMethod.Put, $"/v1/cycles/{OpenCycle}/assignments/{ThisAssignment}/management", SeededAssignment.FullBody("management")),

            "GET /v1/cycles/{cycleId}/reports/people/{externalId}" => Get($"/v1/cycles/{ClosedCycle}/reports/people/{Subject}"),
            "GET /v1/cycles/{cycleId}/reports/gaps" => Get($"/v1/cycles/{ClosedCycle}/reports/gaps"),
            "GET /v1/people/{externalId}/reports/trend" => Get($"/v1/people/{Subject}/reports/trend"),

            "PUT /v1/cycles/{cycleId}/outcomes/{externalId}" =>
                Json(HttpMethod.Put, $"/v1/cycles/{ClosedCycle}/outcomes/{Subject}", new { productivity = 1.5, retention = 1 }),
            "POST /v1/cycles/{cycleId}/outcomes/import" =>
                Json(HttpMethod.Post, $"/v1/cycles/{ClosedCycle}/outcomes/import", new[] { new { externalId = Subject, engagement = 3.0 } }),
            "GET /v1/cycles/{cycleId}/reports/outcomes" => Get($"/v1/cycles/{ClosedCycle}/reports/outcomes"),
            "GET /v1/cycles/{cycleId}/reports/teams" => Get($"/v1/cycles/{ClosedCycle}/reports/teams"),
            "GET /rate" => Get("/rate"),

            "POST /v1/webhooks" => Json(HttpMethod.Post, "/v1/webhooks", new { url = "https://hooks.example.com/matrix", events = new[] { "cycle.closed" } }),
            "GET /v1/webhooks" => Get("/v1/webhooks"),
            "GET /v1/webhooks/{id}" => Get($"/v1/webhooks/{Webhook}"),
            "DELETE /v1/webhooks/{id}" => new(HttpMethod.Delete, $"/v1/webhooks/{(who is Who.Admin or Who.OtherOrg ? await CreateWebhookAsync() : Webhook)}"),
            "POST /v1/webhooks/{id}/secret" => new(HttpMethod.Post, $"/v1/webhooks/{Webhook}/secret"),
            "GET /v1/webhooks/{id}/deliveries" => Get($"/v1/webhooks/{Webhook}/deliveries"),

            "GET /scim/v2/Users" => Get("/scim/v2/Users"),
            "GET /scim/v2/Users/{id}" => Get($"/scim/v2/Users/{ScimUser}"),
            "POST /scim/v2/Users" => Scim(HttpMethod.Post, "/scim/v2/Users", ScimApi.NewUser(Fresh("scim"))),
            "PUT /scim/v2/Users/{id}" => Scim(HttpMethod.Put, $"/scim/v2/Users/{ScimUser}", ScimApi.NewUser(Fresh("renamed"))),
            "PATCH /scim/v2/Users/{id}" => Scim(HttpMethod.Patch, $"/scim/v2/Users/{ScimUser}",
                new { schemas = new[] { ScimApi.PatchOp }, Operations = new[] { new { op = "replace", path = "title", value = "Matrix" } } }),
            "DELETE /scim/v2/Users/{id}" => new(HttpMethod.Delete, $"/scim/v2/Users/{await ScimUserAsync()}"),
            "GET /scim/v2/ServiceProviderConfig" => Get("/scim/v2/ServiceProviderConfig"),
            "GET /scim/v2/ResourceTypes" => Get("/scim/v2/ResourceTypes"),
            "GET /scim/v2/Schemas" => Get("/scim/v2/Schemas"),
            "GET /scim/v2/Schemas/{id}" => Get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"),

            _ => throw new InvalidOperationException($"The matrix has a row for {operation} but no request: add one to RequestAsync."),
        };

        /// <summary>The first of organization A's identifiers in <paramref name="body"/>, if any.</summary>
        public string? LeakIn(string body) => Identifiers.FirstOrDefault(id => body.Contains(id, StringComparison.OrdinalIgnoreCase));

        /// <summary>A reissue for an assignment of its own (a reissue ends the old token, which other cells use).</summary>
        private async Task<HttpRequestMessage> ReissueAsync()
        {
            var cycle = await CycleAsync("draft");
            var (id, _) = await A.AssignAsync(cycle, Subject, $"{Prefix}-rater1", "peer");
            return new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{cycle}/assignments/{id}/token");
        }

        private async Task<Guid> ApiKeyAsync()
        {
            var response = await A.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "to delete", scopes = new[] { "reports:read" } });
            return (await Ok(response).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        private async Task<string> PersonAsync()
        {
            var id = Fresh("leaver");
            Ok(await A.Admin.PutAsJsonAsync($"/v1/people/{id}", new { displayName = "Leaver" }));
            Identifiers.Add(id);
            return id;
        }

        private async Task<string> BehaviorAsync()
        {
            var key = Fresh("retiring");
            Ok(await A.Admin.PutAsJsonAsync($"/v1/behaviors/{key}", new { dimension = "management", name = "Retiring", description = "To retire." }));
            return key;
        }

        private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

        private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

        private static HttpRequestMessage Scim(HttpMethod method, string path, object body) => new(method, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/scim+json")),
        };

        private static HttpResponseMessage Ok(HttpResponseMessage response)
        {
            Assert.True(response.IsSuccessStatusCode, $"setup: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
            return response;
        }
    }
}
