using Testcontainers.PostgreSql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>PostgreSQL in a container, when a Docker engine answers.</summary>
internal static class ContainerServer
{
    public static async Task<string?> TryStartAsync()
    {
        if (Environment.GetEnvironmentVariable("FEEDBACK_TEST_NO_DOCKER") == "1")
        {
            return null;
        }

        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }
        catch (Exception e) when (e is DotNet.Testcontainers.Builders.DockerUnavailableException
                                  || e.GetType().Name.Contains("Docker", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
