using Feedback.Api.Common;
using Feedback.Api.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Data;

/// <summary>
/// Before the server listens: checks that the database keeps what it acknowledges (<see cref="DurabilityCheck"/>),
/// applies migrations when <c>Feedback__MigrateOnStartup</c> is true, encrypts webhook secrets left in clear by older
/// versions, then ensures the bootstrap organization and admin key.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    private static readonly TimeSpan DatabasePatience = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        if (await DurabilityCheck.ProblemWhenReachableAsync(db, DatabasePatience, logger, cancellationToken) is { } unsafeDurability)
        {
            if (!options.Value.AllowUnsafeDurability)
            {
                throw new StartupRefusedException("Refusing to start: " + unsafeDurability);
            }

            logger.LogWarning("Starting although {Problem} (Feedback__AllowUnsafeDurability=true)", unsafeDurability);
        }

        if (options.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated to the latest schema");
        }

        var encrypted = await scope.ServiceProvider.GetRequiredService<WebhookSecretEncryption>().EncryptPlaintextSecretsAsync(cancellationToken);
        if (encrypted > 0)
        {
            logger.LogInformation("Encrypted {Count} webhook signing secrets stored in clear by an earlier version", encrypted);
        }

        var bootstrap = options.Value.Bootstrap;
        if (!string.IsNullOrEmpty(bootstrap.AdminApiKey))
        {
            var provisioner = scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>();
            var organization = await provisioner.EnsureOrganizationAsync(bootstrap.OrganizationName, cancellationToken);
            await provisioner.EnsureAdminKeyAsync(organization.Id, bootstrap.AdminApiKey, cancellationToken);
            logger.LogInformation("Bootstrap admin key checked for organization {OrganizationId}", organization.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
