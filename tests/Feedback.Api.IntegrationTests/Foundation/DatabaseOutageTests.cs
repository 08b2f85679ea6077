using Npgsql;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>The API's database connection goes through a proxy that the test cuts and restores.</summary>
public sealed class OutageApiFactory : FeedbackApiFactory
{
    public TcpProxy Proxy { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var target = new NpgsqlConnectionStringBuilder(ConnectionString);
        Proxy = new TcpProxy(target.Host!, target.Port);
    }

    protected override string DatabaseConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3 }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DatabaseOutageTests(OutageApiFactory api) : IClassFixture<OutageApiFactory>
{
    [Fact]
    public async Task Readiness_Is503WhileTheDatabaseIsDown_And200WhenItIsBack_WithoutRestart()
    {
        var org = await api.CreateOrganizationAsync();
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        api.Proxy.Cut();
        try
        {
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

            var call = await org.Admin.GetAsync("/v1/api-keys");
            await call.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(call.Headers.RetryAfter);
        }
        finally
        {
            api.Proxy.Restore();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync("/v1/api-keys")).StatusCode);
    }
}
