using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>A delivery claimed for one attempt, with what is needed to send it.</summary>
public sealed record ClaimedDelivery(
    Guid Id, Guid OrganizationId, Guid SubscriptionId, Guid EventId, string EventType, DateTimeOffset OccurredAt,
    string Data, int Attempt, string Url, string Secret);

/// <summary>What one attempt came to.</summary>
public sealed record AttemptOutcome(int? StatusCode, string? Error, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The dispatcher's SQL. Every step is one statement that claims rows with <c>FOR UPDATE SKIP LOCKED</c>, so any
/// number of API instances can dispatch at once without sending an attempt twice.
/// </summary>
public sealed class WebhookDeliveryStore(IServiceScopeFactory scopes)
{
    /// <summary>Turns new outbox events into one pending delivery per subscription that asked for the type and
    /// existed when the event occurred. Returns the events handled.</summary>
    public Task<int> FanOutAsync(DateTimeOffset now, CancellationToken ct) => WithDbAsync(db => db.ExecuteAsync("webhooks.fan-out", $"""
        WITH picked AS (
            SELECT id, organization_id, type, occurred_at FROM outbox_events
            WHERE fanned_out_at IS NULL
            ORDER BY occurred_at
            LIMIT 500
            FOR UPDATE SKIP LOCKED),
        fanned AS (
            INSERT INTO webhook_deliveries (id, organization_id, subscription_id, event_id, status, attempts, next_attempt_at, created_at)
            SELECT gen_random_uuid(), p.organization_id, s.id, p.id, 'Pending', 0, {now}, {now}
            FROM picked p
            JOIN webhook_subscriptions s
              ON s.organization_id = p.organization_id AND p.type = ANY (s.events) AND s.created_at <= p.occurred_at
            ON CONFLICT (subscription_id, event_id) DO NOTHING)
        UPDATE outbox_events e SET fanned_out_at = {now} FROM picked p WHERE e.id = p.id
        """, ct));

    /// <summary>
    /// Claims due deliveries for one attempt each: counts the attempt and pushes <c>next_attempt_at</c> to the end of
    /// a lease, then commits, so no transaction stays open during the HTTP call. If this instance dies mid-attempt,
    /// the lease runs out and any instance retries: at least once.
    /// </summary>
    public Task<List<ClaimedDelivery>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken ct) =>
        WithDbAsync(db => db.Query<ClaimedDelivery>("webhooks.claim", $"""
            WITH due AS (
                SELECT id FROM webhook_deliveries
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = {leaseUntil}
            FROM due, webhook_subscriptions s, outbox_events e
            WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
            RETURNING d.id, d.organization_id, d.subscription_id, d.event_id, e.type AS event_type, e.occurred_at, e.data::text AS data,
                      d.attempts AS attempt, s.url, s.secret
            """).ToListAsync(ct));

    /// <summary>
    /// Logs the attempt and moves the delivery on: delivered on 2xx, failed after the last attempt, else due again at
    /// <paramref name="retryAt"/>. The update only applies while the claim is still ours (same attempt count), so a
    /// late outcome after the lease ran out never overrides a newer attempt; the log keeps both.
    /// </summary>
    public Task<int> RecordAsync(ClaimedDelivery delivery, Guid attemptId, AttemptOutcome outcome, DateTimeOffset retryAt, int maxAttempts, CancellationToken ct)
    {
        var ok = outcome.Succeeded;
        var durationMs = (int)Math.Min(int.MaxValue, (outcome.FinishedAt - outcome.StartedAt).TotalMilliseconds);
        return WithDbAsync(db => db.ExecuteAsync("webhooks.record-attempt", $"""
            WITH moved AS (
                UPDATE webhook_deliveries SET
                    status = CASE WHEN {ok} THEN 'Delivered' WHEN attempts >= {maxAttempts} THEN 'Failed' ELSE 'Pending' END,
                    delivered_at = CASE WHEN {ok} THEN {outcome.FinishedAt} ELSE NULL END,
                    next_attempt_at = CASE WHEN {ok} OR attempts >= {maxAttempts} THEN next_attempt_at ELSE {retryAt} END
                WHERE id = {delivery.Id} AND attempts = {delivery.Attempt} AND status = 'Pending'
                RETURNING id)
            INSERT INTO webhook_delivery_attempts
                (id, organization_id, subscription_id, delivery_id, event_id, event_type, attempt, status_code, error,
                 duration_ms, started_at, finished_at)
            SELECT {attemptId}, d.organization_id, d.subscription_id, d.id, d.event_id, {delivery.EventType}, {delivery.Attempt},
                   {outcome.StatusCode}::integer, {outcome.Error}::text, {durationMs}, {outcome.StartedAt}, {outcome.FinishedAt}
            FROM webhook_deliveries d WHERE d.id = {delivery.Id}
            """, ct));
    }

    /// <summary>Deletes events (with their deliveries and log) handled before <paramref name="cutoff"/> and no longer pending.</summary>
    public Task<int> DeleteOldAsync(DateTimeOffset cutoff, CancellationToken ct) => WithDbAsync(db => db.ExecuteAsync("webhooks.delete-old", $"""
        DELETE FROM outbox_events e
        WHERE e.fanned_out_at < {cutoff}
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'Pending')
        """, ct));

    // The dispatcher is a singleton: each statement gets its own scope and context (and so a pooled connection).
    private async Task<T> WithDbAsync<T>(Func<FeedbackDbContext, Task<T>> run)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<FeedbackDbContext>());
    }
}
