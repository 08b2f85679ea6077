using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Foundation;

public sealed class BootstrapApiFactory : FeedbackApiFactory
{
    public string AdminKey { get; } = Feedback.Api.Common.Auth.TokenFormat.NewApiKey();
    public string OrganizationName { get; } = "Bootstrap " + Guid.NewGuid().ToString("N")[..8];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Bootstrap:AdminApiKey", AdminKey);
        builder.UseSetting("Feedback:Bootstrap:OrganizationName", OrganizationName);
    }
}

public sealed class StartupTests(BootstrapApiFactory api) : IClassFixture<BootstrapApiFactory>
{
    [Fact]
    public async Task BootstrapKey_IsAnAdminKeyThatCanCreateOtherKeys()
    {
        var admin = api.ClientWithToken(api.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/api-keys", new { name = "hr", scopes = new[] { "people:write" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        Assert.Equal(2, keys.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task BootstrapKey_SurvivesARestartWithoutDuplicates()
    {
        // A second host over the same database runs the bootstrap again.
        using var again = api.WithWebHostBuilder(_ => { });
        var admin = again.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", api.AdminKey);
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "bootstrap admin");
        Assert.Single(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "bootstrap admin");
    }

    [Theory]
    [InlineData("", "fbk_q8WJzP3kR7vLm2XcN5tYb9GhD4sFa6Ue1Ko0Ti", "ConnectionStrings__Feedback")]
    [InlineData("Host=127.0.0.1;Database=x", "xyz_not-a-feedback-key-0123456789abcdef", "Feedback__Bootstrap__AdminApiKey")]
    [InlineData("Host=127.0.0.1;Database=x", "fbk_short", "Feedback__Bootstrap__AdminApiKey")]
    // The placeholders once shipped in docker-compose.yml and the Kubernetes example, refused outside Development.
    [InlineData("Host=127.0.0.1;Database=x", "fbk_change-me-local-only-0123456789abcdef", "Feedback__Bootstrap__AdminApiKey")]
    [InlineData("Host=127.0.0.1;Database=x", "fbk_CHANGE-ME-to-43-random-base64url-characters", "Feedback__Bootstrap__AdminApiKey")]
    [InlineData("Host=127.0.0.1;Database=x", "fbk_0123456789abcdef0123456789abcdef", "Feedback__Bootstrap__AdminApiKey")]
    public async Task BadSetting_StopsTheServiceWithOneLine(string connectionString, string adminKey, string named) =>
        await AssertStopsWithOneLineAsync(named, adminKey, new()
        {
            ["ConnectionStrings__Feedback"] = connectionString,
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
        });

    [Fact]
    public async Task NoKeyRingDirectory_StopsTheServiceWithOneLine_OutsideDevelopment() =>
        await AssertStopsWithOneLineAsync("Feedback__DataProtection__KeysDirectory", "no-secret", new()
        {
            ["ConnectionStrings__Feedback"] = "Host=127.0.0.1;Database=x",
            ["Feedback__DataProtection__KeysDirectory"] = "",
        });

    [Fact]
    public async Task AnUntrustedProxySetting_StopsTheServiceWithOneLine() =>
        await AssertStopsWithOneLineAsync("Feedback__ForwardedHeaders__KnownProxies", "no-secret", new()
        {
            ["ConnectionStrings__Feedback"] = "Host=127.0.0.1;Database=x",
            ["Feedback__ForwardedHeaders__KnownProxies"] = "10.0.0.1,load-balancer",
        });

    [Fact]
    public async Task ARevokedBootstrapKey_StaysRevokedAcrossRestarts()
    {
        await using var first = new BootstrapApiFactory();
        await first.InitializeAsync();
        var bootstrap = first.ClientWithToken(first.AdminKey);
        var successor = await bootstrap.PostAsJsonAsync("/v1/api-keys", new { name = "real admin", scopes = new[] { "admin" } });
        var admin = first.ClientWithToken((await successor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        var bootstrapId = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "bootstrap admin").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/api-keys/{bootstrapId}")).StatusCode);

        // The next start still has the variable set: the key stays revoked.
        await using var restarted = first.WithWebHostBuilder(_ => { });
        var again = restarted.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", first.AdminKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task ADatabaseWithFsyncOff_StopsTheServiceWithOneLine() =>
        // The shared test cluster runs with fsync=off and synchronous_commit=off.
        await AssertStopsWithOneLineAsync("fsync=off", "no-secret", new()
        {
            ["ConnectionStrings__Feedback"] = await TestDatabase.ConnectionStringAsync(),
        });

    [Fact]
    public async Task ZeroRateLimit_StopsTheServiceWithOneLine() =>
        await AssertStopsWithOneLineAsync("Feedback__RateLimits__Burst", "no-secret", new()
        {
            ["ConnectionStrings__Feedback"] = "Host=127.0.0.1;Database=x",
            ["Feedback__RateLimits__Burst"] = "0",
        });

    private static Task AssertStopsWithOneLineAsync(string named, string secret, Dictionary<string, string> environment) =>
        ServiceProcess.AssertStopsWithOneLineAsync(named, secret, environment);
}
