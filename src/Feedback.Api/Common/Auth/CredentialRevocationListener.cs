using Npgsql;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// Listens on <see cref="CredentialRevocations.Channel"/> over one dedicated connection to the primary and evicts each
/// killed credential from this instance's <see cref="CredentialCache"/>. On every (re)connect it clears the cache,
/// since notices sent while it was not listening are lost; while disconnected it retries with backoff and cached
/// entries expire after <see cref="CredentialCache.Lifetime"/> as before. Never stops the host: a database outage only
/// degrades revocation to the cache lifetime.
/// </summary>
public sealed class CredentialRevocationListener(IConfiguration configuration, CredentialCache cache, ILogger<CredentialRevocationListener> logger)
    : BackgroundService
{
    // An idle LISTEN connection can die silently (a half-open TCP connection): a cheap query this often proves it alive.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private volatile bool listening;

    /// <summary>True while notices are being received.</summary>
    public bool IsListening => listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not pooled: the connection lives as long as the service, and LISTEN state must never leak into a pool.
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Feedback")) { Pooling = false }.ConnectionString;
        var delay = TimeSpan.FromMilliseconds(250);
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var credentialId))
                    {
                        cache.ForgetCredential(credentialId);
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CredentialRevocations.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Clear(); // whatever was killed before LISTEN took effect
                listening = true;
                delay = TimeSpan.FromMilliseconds(250);
                if (warned)
                {
                    logger.LogInformation("Listening for credential revocations again");
                    warned = false;
                }

                while (true)
                {
                    if (!await connection.WaitAsync(KeepAliveInterval, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                listening = false;
                if (!warned)
                {
                    logger.LogWarning(e, "Not listening for credential revocations; other instances' revocations reach this one within {Lifetime} until it reconnects",
                        CredentialCache.Lifetime);
                    warned = true;
                }

                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        listening = false;
    }
}
