using System.Collections.Concurrent;
using Feedback.Api.Common;
using Feedback.Api.Common.Telemetry;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>
/// Polls the outbox: fans new events out to subscriptions, sends due deliveries in parallel, records each attempt and
/// schedules retries with exponential backoff. An event is delivered only after a 2xx; until then it stays pending in
/// PostgreSQL, so a crash or restart never loses it (at least once — receivers deduplicate on Webhook-Id).
/// <para>
/// Fair across organizations: up to <see cref="WebhookOptions.BatchSize"/> attempts run at once, at most
/// <see cref="WebhookOptions.ConcurrencyPerOrganization"/> of them for one organization, and a slot is refilled as soon
/// as its attempt ends (no round waits for its slowest receiver). So a tenant whose receivers hang until the timeout
/// occupies only its own share, and other tenants' events go out meanwhile.
/// </para>
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryStore store, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock, FeedbackMetrics metrics,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, int> inFlightByOrganization = new();
    private readonly ConcurrentDictionary<Guid, Task> inFlight = new();
    private readonly SemaphoreSlim attemptEnded = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            logger.LogInformation("Webhook dispatcher disabled in this instance");
            return;
        }

        var nextCleanup = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Claimed every free slot: more may be due, so go again at once; else wait for a slot or the poll.
                    if (await RunOnceAsync(settings, stoppingToken))
                    {
                        continue;
                    }

                    if (clock.GetUtcNow() >= nextCleanup)
                    {
                        nextCleanup = clock.GetUtcNow() + CleanupEvery;
                        var deleted = await store.DeleteOldAsync(clock.GetUtcNow() - settings.Retention, stoppingToken);
                        logger.LogInformation("Deleted {Count} webhook events older than the retention", deleted);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Webhook dispatch failed; retrying at the next poll");
                }

                await attemptEnded.WaitAsync(settings.PollInterval, stoppingToken);
                while (attemptEnded.Wait(0, CancellationToken.None))
                {
                    // several attempts ended: one round refills all their slots
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Attempts cut short by the shutdown are not recorded; their lease runs out and any instance retries them.
            await Task.WhenAll(inFlight.Values);
        }
    }

    /// <summary>One round; true when it filled every free slot (so more may be due right away).</summary>
    private async Task<bool> RunOnceAsync(WebhookOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        await store.FanOutAsync(now, ct);
        var free = settings.BatchSize - inFlight.Count;
        if (free <= 0)
        {
            return false;
        }

        var busy = inFlightByOrganization.Where(o => o.Value > 0).ToDictionary(o => o.Key, o => o.Value);
        var claimed = await store.ClaimAsync(now, now + settings.Lease, free, settings.ConcurrencyPerOrganization, busy, ct);
        foreach (var delivery in claimed)
        {
            inFlightByOrganization.AddOrUpdate(delivery.OrganizationId, 1, (_, n) => n + 1);
            // Registered before it starts, so its own removal at the end always finds it.
            var attempt = new Task<Task>(() => AttemptAsync(delivery, settings, ct));
            inFlight[delivery.Id] = attempt.Unwrap();
            attempt.Start(TaskScheduler.Default);
        }

        return claimed.Count == free;
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, WebhookOptions settings, CancellationToken ct)
    {
        try
        {
            AttemptOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(delivery, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: give the claim back instead of letting its lease run out, so another instance retries now.
                await store.ReleaseAsync(delivery, clock.GetUtcNowForDatabase(), CancellationToken.None);
                logger.LogInformation("Webhook event {EventId} to {WebhookId}: attempt {Attempt} interrupted by shutdown and released",
                    delivery.EventId, delivery.SubscriptionId, delivery.Attempt);
                return;
            }

            var retryAt = outcome.FinishedAt + settings.RetryDelay(delivery.Attempt);
            await store.RecordAsync(delivery, Ids.New(), outcome, retryAt, settings.MaxAttempts, CancellationToken.None);
            metrics.WebhookAttempted(delivery.EventType, outcome.Succeeded);
            Log(delivery, outcome, settings);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Webhook event {EventId} to {WebhookId}: the attempt could not be recorded; it is retried when its lease ends",
                delivery.EventId, delivery.SubscriptionId);
        }
        finally
        {
            inFlightByOrganization.AddOrUpdate(delivery.OrganizationId, 0, (_, n) => n - 1);
            inFlight.TryRemove(delivery.Id, out _);
            attemptEnded.Release();
        }
    }

    private void Log(ClaimedDelivery delivery, AttemptOutcome outcome, WebhookOptions settings)
    {
        if (outcome.Succeeded)
        {
            logger.LogInformation("Webhook event {EventId} ({EventType}) delivered to {WebhookId} on attempt {Attempt}: {StatusCode} in {DurationMs} ms",
                delivery.EventId, delivery.EventType, delivery.SubscriptionId, delivery.Attempt, outcome.StatusCode,
                (int)(outcome.FinishedAt - outcome.StartedAt).TotalMilliseconds);
        }
        else
        {
            logger.LogWarning("Webhook event {EventId} ({EventType}) to {WebhookId} attempt {Attempt} of {MaxAttempts} failed: {StatusCode} {Error}",
                delivery.EventId, delivery.EventType, delivery.SubscriptionId, delivery.Attempt, settings.MaxAttempts,
                outcome.StatusCode, outcome.Error);
        }
    }

    public override void Dispose()
    {
        attemptEnded.Dispose();
        base.Dispose();
    }
}
