namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>
/// Two API processes on different loopback ports over the one shared test database, as two replicas behind a load
/// balancer. Both ensure the same bootstrap organization and admin key at start (a race the service must win once).
/// Instance A also serves <c>/metrics</c> on a port of its own.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public string AdminKey { get; } = "fbk_two-instances-" + Guid.NewGuid().ToString("N");
    public ApiProcess A { get; private set; } = null!;
    public ApiProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.ConnectionStringAsync();
        var environment = new Dictionary<string, string>
        {
            ["Feedback__Bootstrap__AdminApiKey"] = AdminKey,
            ["Feedback__Bootstrap__OrganizationName"] = "Two instances " + Guid.NewGuid().ToString("N")[..8],
            // The load below is about correctness across instances, not the per-credential limit (RateLimitTests).
            ["Feedback__RateLimits__Enabled"] = "false",
        };
        var a = ApiProcess.StartAsync(database, environment, metricsPort: true);
        var b = ApiProcess.StartAsync(database, environment);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            // Whichever did start must not outlive a failed fixture (xunit does not dispose it then).
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        (A, B) = (a.Result, b.Result);
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }
    }
}
