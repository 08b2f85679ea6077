using Feedback.Api.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Data;

/// <summary>
/// Before the server listens: applies migrations when <c>Feedback__MigrateOnStartup</c> is true, then ensures the
/// bootstrap organization and admin key.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated to the latest schema");
        }

        var bootstrap = options.Value.Bootstrap;
        if (!string.IsNullOrEmpty(bootstrap.AdminApiKey))
        {
            var provisioner = scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>();
            var organization = await provisioner.EnsureOrganizationAsync(bootstrap.OrganizationName, cancellationToken);
            await provisioner.EnsureAdminKeyAsync(organization.Id, bootstrap.AdminApiKey, cancellationToken);
            logger.LogInformation("Bootstrap admin key ensured for organization {OrganizationId}", organization.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
