using System.Net.Http.Headers;
using Feedback.Api.Data;
using Feedback.Api.Features.Webhooks.Targets;
using Feedback.Api.IntegrationTests.Infrastructure.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API over the shared test database. Each test makes its own organization
/// (<see cref="CreateOrganizationAsync"/>), so tests never see each other's data and can run in parallel.
/// </summary>
public class FeedbackApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.ConnectionStringAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Feedback", DatabaseConnectionString());
        builder.UseSetting("Feedback:MigrateOnStartup", "false");
        // The test cluster runs with fsync=off for speed; production refuses that (DurabilityTests).
        builder.UseSetting("Feedback:AllowUnsafeDurability", "true");
        // One key ring for every instance of the run, as for the replicas of one deployment.
        builder.UseSetting("Feedback:DataProtection:KeysDirectory", TestKeyRing.Directory);
        // Every test client shares one address; only RateLimitTests use the production-like limits.
        builder.UseSetting("Feedback:RateLimits:FailedAuthenticationsPerMinute", "100000");
        // Only the webhook tests' hosts deliver webhooks, so they know which host sent what.
        builder.UseSetting("Feedback:Webhooks:DispatcherEnabled", "false");
        builder.ConfigureServices(s => s.AddSingleton<IWebhookHostResolver>(TestDns.Instance));
        // Every response of every test is checked against the service's OpenAPI document.
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ContractValidationStartupFilter>());
    }

    /// <summary>The connection string the API uses (the outage tests route it through a proxy).</summary>
    protected virtual string DatabaseConnectionString() => ConnectionString;

    /// <summary>A fresh organization with the default catalog, and an HTTP client holding its admin key.</summary>
    public async Task<TestOrganization> CreateOrganizationAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var provisioner = scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>();
        var (organization, key) = await provisioner.CreateWithAdminKeyAsync($"test-{Guid.NewGuid():N}", CancellationToken.None);
        return new TestOrganization(this, organization.Id, key);
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}

public sealed record TestOrganization(FeedbackApiFactory Factory, Guid Id, string AdminKey)
{
    public HttpClient Admin => Factory.ClientWithToken(AdminKey);

    /// <summary>Creates an API key with the given scopes through the API and returns the secret.</summary>
    public async Task<string> CreateKeyAsync(params string[] scopes)
    {
        var response = await Admin.PostAsJsonAsync("/v1/api-keys", new { name = "test key", scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("key").GetString()!;
    }

    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes) => Factory.ClientWithToken(await CreateKeyAsync(scopes));
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<FeedbackApiFactory>
{
    public const string Name = "api";
}
