using Feedback.Api.Common;
using Feedback.Api.Common.Telemetry;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>
/// Polls the outbox: fans new events out to subscriptions, sends due deliveries in parallel, records each attempt and
/// schedules retries with exponential backoff. An event is delivered only after a 2xx; until then it stays pending in
/// PostgreSQL, so a crash or restart never loses it (at least once — receivers deduplicate on Webhook-Id).
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryStore store, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock, FeedbackMetrics metrics,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            logger.LogInformation("Webhook dispatcher disabled in this instance");
            return;
        }

        var nextCleanup = clock.GetUtcNow();
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        do
        {
            try
            {
                // A full batch means more may be due: go again without waiting for the tick.
                while (await RunOnceAsync(settings, stoppingToken) >= settings.BatchSize)
                {
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; returns how many deliveries it attempted.</summary>
    private async Task<int> RunOnceAsync(WebhookOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        await store.FanOutAsync(now, ct);
        var claimed = await store.ClaimAsync(now, now + settings.Lease, settings.BatchSize, ct);
        await Task.WhenAll(claimed.Select(d => AttemptAsync(d, settings, ct)));
        return claimed.Count;
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, WebhookOptions settings, CancellationToken ct)
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
            throw;
        }

        var retryAt = outcome.FinishedAt + settings.RetryDelay(delivery.Attempt);
        await store.RecordAsync(delivery, Ids.New(), outcome, retryAt, settings.MaxAttempts, CancellationToken.None);
        metrics.WebhookAttempted(delivery.EventType, outcome.Succeeded);

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
}
