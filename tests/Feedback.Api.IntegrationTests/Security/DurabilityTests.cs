using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>The API over a database of the test's choosing, with the durability rule as in production.</summary>
public sealed class StrictDurabilityFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Feedback", connectionString);
        builder.UseSetting("Feedback:DataProtection:KeysDirectory", TestKeyRing.Directory);
        builder.UseSetting("Feedback:Webhooks:DispatcherEnabled", "false");
    }
}

/// <summary>One durable cluster for the class.</summary>
public sealed class DurableDatabaseFixture : IAsyncLifetime
{
    public DurablePostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DurablePostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class DurabilityTests(DurableDatabaseFixture fixture) : IClassFixture<DurableDatabaseFixture>
{
    private DurablePostgresServer Server => fixture.Server;

    [Fact]
    public async Task ADurableDatabase_Starts()
    {
        await using var api = new StrictDurabilityFactory(Server.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task SynchronousCommitOff_AsTheApisConnectionSeesIt_StopsTheServiceWithOneLine() =>
        // The server is durable; this connection is not. The check asks through the API's own connection.
        await ServiceProcess.AssertStopsWithOneLineAsync("synchronous_commit=off", "no-secret", new()
        {
            ["ConnectionStrings__Feedback"] = Server.ConnectionString + ";Options=-c synchronous_commit=off",
        });

    [Fact]
    public async Task SynchronousCommitOff_ForTheApisRole_StopsTheStart_UnlessAllowed()
    {
        await using (var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("CREATE ROLE careless LOGIN; ALTER ROLE careless SET synchronous_commit = off; GRANT ALL ON SCHEMA public TO careless; GRANT ALL ON ALL TABLES IN SCHEMA public TO careless", connection);
            await command.ExecuteNonQueryAsync();
        }

        var careless = new Npgsql.NpgsqlConnectionStringBuilder(Server.ConnectionString) { Username = "careless" }.ConnectionString;
        await ServiceProcess.AssertStopsWithOneLineAsync("Feedback__AllowUnsafeDurability", "no-secret", new() { ["ConnectionStrings__Feedback"] = careless });

        await using var allowed = new StrictDurabilityFactory(careless);
        var client = allowed.WithWebHostBuilder(b => b.UseSetting("Feedback:AllowUnsafeDurability", "true")).CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
