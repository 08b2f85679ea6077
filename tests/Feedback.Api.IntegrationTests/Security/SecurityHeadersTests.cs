using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Security;

[Collection(ApiCollection.Name)]
public sealed class SecurityHeadersTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData("/health/live", null)]
    [InlineData("/openapi/v1.json", null)]
    [InlineData("/v1/api-keys", "admin")]
    [InlineData("/v1/api-keys", null)] // 401
    [InlineData("/v1/no-such-thing", "admin")] // 404
    public async Task EveryResponse_SaysNosniff_AndNoReferrer(string path, string? token)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await api.ClientWithToken(token is null ? null : org.AdminKey).GetAsync(path);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ResponsesCarryingASecretOrAnAssignment_AreNoStore_OthersNot()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"));
        var cycleId = await org.CreateCycleAsync();
        var webhook = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/h", events = new[] { "cycle.opened" } });
        var webhookId = (await webhook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var assignment = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "boss", relationship = "manager" });
        var created = await assignment.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("raterToken").GetString();

        var secretBearing = new Dictionary<string, HttpResponseMessage>
        {
            ["POST /v1/api-keys"] = await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "k", scopes = new[] { "reports:read" } }),
            ["POST /v1/webhooks"] = webhook,
            ["POST /v1/webhooks/{id}/secret"] = await org.Admin.PostAsync($"/v1/webhooks/{webhookId}/secret", null),
            ["POST …/assignments"] = assignment,
            ["POST …/assignments/generate"] = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments/generate", new { }),
            ["GET /v1/assignments/me"] = await api.ClientWithToken(token).GetAsync("/v1/assignments/me"),
            ["POST …/assignments/{id}/token"] = await org.Admin.PostAsync($"/v1/cycles/{cycleId}/assignments/{created.GetProperty("id").GetGuid()}/token", null),
        };
        foreach (var (operation, response) in secretBearing)
        {
            Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{operation} lacks Cache-Control: no-store");
        }

        var ordinary = await org.Admin.GetAsync("/v1/behaviors");
        Assert.NotEqual(true, ordinary.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_Only()
    {
        var org = await api.CreateOrganizationAsync();
        var https = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://feedback.example.org") });
        https.DefaultRequestHeaders.Authorization = new("Bearer", org.AdminKey);
        var overHttps = await https.GetAsync("/v1/behaviors");
        var hsts = Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts);

        var http = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://feedback.example.org") });
        Assert.False((await http.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SwaggerUi_DoesNotPersistTheKeyInTheBrowser_OutsideDevelopment()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.DoesNotContain("\"persistAuthorization\":true", await SwaggerConfigAsync(client));

        await using var development = api.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        Assert.Contains("\"persistAuthorization\":true", await SwaggerConfigAsync(development.CreateClient()));
    }

    private static async Task<string> SwaggerConfigAsync(HttpClient client) =>
        await client.GetStringAsync("/swagger/index.html") + await client.GetStringAsync("/swagger/index.js");
}

[Collection(ApiCollection.Name)]
public sealed class FallbackAuthorizationTests(FeedbackApiFactory api)
{
    /// <summary>The only operations anybody may call without a token.</summary>
    private static readonly string[] Anonymous =
    [
        "* /health/live", "* /health/ready", "GET /openapi/{documentName}.json", // health answers any method
        "GET /scim/v2/ServiceProviderConfig", "GET /scim/v2/ResourceTypes", "GET /scim/v2/Schemas", "GET /scim/v2/Schemas/{id}",
        "GET /rate/", "GET /rate/{asset:regex(^rate\\.(css|js)$)}", // the rater page: static, its API calls carry the token
    ];

    [Fact]
    public void EveryEndpoint_EitherNamesItsAuthorization_OrIsOneOfTheExplicitlyAnonymousOnes()
    {
        var endpoints = api.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => (Name: $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText!.TrimStart('/')}",
                Anonymous: e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null,
                Authorized: e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Count > 0
                    || e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>().Count > 0))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.Equal(Anonymous.Order(), endpoints.Where(e => e.Anonymous).Select(e => e.Name).Order());
        Assert.All(endpoints.Where(e => !e.Anonymous), e => Assert.True(e.Authorized, $"{e.Name} relies on the fallback policy alone"));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    [InlineData("/scim/v2/ServiceProviderConfig")]
    [InlineData("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")]
    [InlineData("/rate")]
    [InlineData("/rate/rate.js")]
    public async Task TheAnonymousOnes_AnswerWithoutAToken_AndWithAGarbageOne(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken("fbk_not-a-key").GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/v1/no-such-thing")]
    [InlineData("/scim/v2/Groups")]
    public async Task AnAddressWithNoEndpoint_Is404ToAnybody_AndAnEndpointWithoutItsOwnRuleNeedsAToken(string path)
    {
        // Nothing to protect at an address with no endpoint (the routes are public in the OpenAPI document anyway).
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientWithToken("fbk_not-a-key").GetAsync(path)).StatusCode);
        // Every endpoint names its rule (the test above); the fallback is for one that forgets: it needs a token.
        var fallback = api.Services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        var policy = await fallback.GetFallbackPolicyAsync();
        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }
}
