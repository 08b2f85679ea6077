using System.Diagnostics;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CredentialCache = Feedback.Api.Common.Auth.CredentialCache;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.Assignments;

[Collection(ApiCollection.Name)]
public sealed class ReissueRaterTokenTests(FeedbackApiFactory api, ITestOutputHelper output)
{
    private static object Sheet(string dimension) => dimension == "leadership"
        ? new { scores = new Dictionary<string, int?> { ["empathy"] = 4, ["building-trust"] = 3 } }
        : new { scores = new Dictionary<string, int?> { ["organizing-projects"] = 2 } };

    private async Task<(TestOrganization Org, Guid Cycle, Guid Assignment, string Token)> SetUpAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"));
        var cycle = await org.CreateCycleAsync(new { name = "Reissue", behaviors = new[] { "empathy", "building-trust", "organizing-projects" } });
        var (assignment, token) = await org.AssignAsync(cycle, "ann", "boss", "manager");
        await org.TransitionAsync(cycle, "open");
        return (org, cycle, assignment, token);
    }

    [Fact]
    public async Task IssuesANewToken_TheOldOneIsRefusedAtOnce_AndTheSheetsStay()
    {
        var (org, cycle, assignment, old) = await SetUpAsync();
        var before = api.ClientWithToken(old);
        Assert.Equal(HttpStatusCode.OK, (await before.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{assignment}/leadership", Sheet("leadership"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/v1/assignments/me")).StatusCode); // cached now

        var response = await (await org.ClientWithScopesAsync("cycles:write")).PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["assignmentId", "raterToken", "raterUrl"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(assignment, body.GetProperty("assignmentId").GetGuid());
        var token = body.GetProperty("raterToken").GetString()!;
        Assert.StartsWith("fbr_", token, StringComparison.Ordinal);
        Assert.NotEqual(old, token);
        var baseUrl = api.Services.GetRequiredService<IOptions<FeedbackOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        Assert.Equal($"{baseUrl}/rate#token={token}", body.GetProperty("raterUrl").GetString());

        await (await before.GetAsync("/v1/assignments/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await before.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{assignment}/management", Sheet("management")))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);

        var after = api.ClientWithToken(token);
        var me = await after.GetFromJsonAsync<JsonElement>("/v1/assignments/me");
        Assert.Equal(assignment, me.GetProperty("assignmentId").GetGuid());
        Assert.Equal(1, me.GetProperty("sheets").GetProperty("leadership").GetProperty("revision").GetInt32());
        var resubmitted = await after.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{assignment}/leadership", Sheet("leadership"));
        Assert.Equal(2, (await resubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task TheOldTokenIsRefusedByEveryInstance_EvenOneThatHadItCached()
    {
        var (org, cycle, assignment, old) = await SetUpAsync();
        await using var other = api.WithWebHostBuilder(_ => { });
        var listener = other.Services.GetRequiredService<CredentialRevocationListener>();
        await WaitUntilAsync(() => listener.IsListening, "the second instance's listener to connect");

        // Both instances have resolved, and so cached, the token.
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(old).GetAsync("/v1/assignments/me")).StatusCode);
        var onOther = other.CreateClient();
        onOther.DefaultRequestHeaders.Authorization = new("Bearer", old);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/v1/assignments/me")).StatusCode);
        var otherCache = other.Services.GetRequiredService<CredentialCache>();
        Assert.True(otherCache.TryGet(TokenFormat.Hash(old), out _), "without the notice, the second instance would answer from its cache for 30 s");

        var reissued = await org.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null);
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        var sent = Stopwatch.StartNew();

        // This instance evicts before it answers; the other as soon as PostgreSQL delivers the NOTIFY (milliseconds).
        await (await api.ClientWithToken(old).GetAsync("/v1/assignments/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await WaitUntilAsync(() => !otherCache.TryGet(TokenFormat.Hash(old), out _), "the second instance to evict the old token");
        output.WriteLine($"second instance evicted the old token {sent.Elapsed.TotalMilliseconds:0} ms after the reissue answered (load {File.ReadAllText("/proc/loadavg").Trim()})");
        await (await onOther.GetAsync("/v1/assignments/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await onOther.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{assignment}/leadership", Sheet("leadership")))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(sent.Elapsed < CredentialCache.Lifetime / 3, $"took {sent.Elapsed}: no better than the cache lifetime");

        var token = (await reissued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raterToken").GetString()!;
        onOther.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/v1/assignments/me")).StatusCode);
    }

    [Fact]
    public async Task ARevokedApiKeyIsRefusedByEveryInstance_EvenOneThatHadItCached()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await (await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "leaky", scopes = new[] { "reports:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        await using var other = api.WithWebHostBuilder(_ => { });
        var listener = other.Services.GetRequiredService<CredentialRevocationListener>();
        await WaitUntilAsync(() => listener.IsListening, "the second instance's listener to connect");
        var onOther = other.CreateClient();
        onOther.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/v1/cycles")).StatusCode);
        var otherCache = other.Services.GetRequiredService<CredentialCache>();
        Assert.True(otherCache.TryGet(TokenFormat.Hash(key), out _));

        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetGuid()}")).StatusCode);

        await WaitUntilAsync(() => !otherCache.TryGet(TokenFormat.Hash(key), out _), "the second instance to evict the revoked key");
        await (await onOther.GetAsync("/v1/cycles")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Returns409_WhenTheCycleIsClosed_AndKeepsTheToken()
    {
        var (org, cycle, assignment, token) = await SetUpAsync();
        await org.TransitionAsync(cycle, "close");

        var response = await org.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(token).GetAsync("/v1/assignments/me")).StatusCode);
    }

    [Fact]
    public async Task Returns404_ForAnUnknownAssignment_OneOfAnotherCycle_OrOfAnotherOrganization()
    {
        var (org, cycle, assignment, _) = await SetUpAsync();
        var otherCycle = await org.CreateCycleAsync();
        var stranger = await api.CreateOrganizationAsync();

        await (await org.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/{Guid.NewGuid()}/token", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.PostAsync($"/v1/cycles/{otherCycle}/assignments/{assignment}/token", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.PostAsync($"/v1/cycles/{Guid.NewGuid()}/assignments/{assignment}/token", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns403_WithoutCyclesWrite_AndForARaterToken()
    {
        var (org, cycle, assignment, token) = await SetUpAsync();
        var reader = await org.ClientWithScopesAsync("reports:read", "ratings:write");

        await (await reader.PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.ClientWithToken(token).PostAsync($"/v1/cycles/{cycle}/assignments/{assignment}/token", null))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(token).GetAsync("/v1/assignments/me")).StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
