using System.Security.Cryptography;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>
/// A delivery claimed for one attempt, with what is needed to send it. <c>Secrets</c> are the secrets that sign it,
/// current first (two during a rotation's overlap); empty when they cannot be decrypted (the attempt then fails
/// without sending).
/// </summary>
public sealed record ClaimedDelivery(
    Guid Id, Guid OrganizationId, Guid SubscriptionId, Guid EventId, string EventType, DateTimeOffset OccurredAt,
    string Data, int Attempt, string Url, IReadOnlyList<string> Secrets);

/// <summary>What one attempt came to.</summary>
public sealed record AttemptOutcome(int? StatusCode, string? Error, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// The dispatcher's SQL. Every step is one statement that claims rows with <c>FOR UPDATE SKIP LOCKED</c>, so any
/// number of API instances can dispatch at once without sending an attempt twice. Both the fan-out and the claim take
/// a bounded share per organization, so one tenant's flood of events or pile of retries never holds up another's.
/// </summary>
public sealed class WebhookDeliveryStore(IServiceScopeFactory scopes, SecretProtector protector, ILogger<WebhookDeliveryStore> logger)
{
    /// <summary>Events one fan-out takes from one organization.</summary>
    private const int FanOutPerOrganization = 100;

    /// <summary>Turns new outbox events into one pending delivery per subscription that asked for the type and
    /// existed when the event occurred, up to <see cref="FanOutPerOrganization"/> events of each organization.
    /// Returns the events handled.</summary>
    public Task<int> FanOutAsync(DateTimeOffset now, CancellationToken ct) => WithDbAsync(db => db.ExecuteAsync("webhooks.fan-out", $"""
        WITH orgs AS (
            SELECT DISTINCT organization_id FROM outbox_events WHERE fanned_out_at IS NULL),
        picked AS (
            SELECT e.id, e.organization_id, e.type, e.occurred_at
            FROM orgs o
            CROSS JOIN LATERAL (
                SELECT id, organization_id, type, occurred_at FROM outbox_events
                WHERE organization_id = o.organization_id AND fanned_out_at IS NULL
                ORDER BY occurred_at
                LIMIT {FanOutPerOrganization}
                FOR UPDATE SKIP LOCKED) e),
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
    /// Claims up to <paramref name="slots"/> due deliveries for one attempt each, at most <paramref name="perOrganization"/>
    /// for one organization minus what this instance already has in flight for it (<paramref name="busy"/>), taking
    /// the organizations in turn. Counts the attempt and pushes <c>next_attempt_at</c> to the end of a lease, then
    /// commits, so no transaction stays open during the HTTP call. If this instance dies mid-attempt, the lease runs out
    /// and any instance retries: at least once.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int slots, int perOrganization, IReadOnlyDictionary<Guid, int> busy, CancellationToken ct)
    {
        var busyOrganizations = busy.Keys.ToArray();
        var busyCounts = busy.Values.ToArray();
        var rows = await WithDbAsync(db => db.Query<ClaimedRow>("webhooks.claim", $"""
            WITH orgs AS (
                SELECT DISTINCT organization_id FROM webhook_deliveries
                WHERE status = 'Pending' AND next_attempt_at <= {now}),
            room AS (
                SELECT o.organization_id, {perOrganization} - COALESCE(b.busy, 0) AS room
                FROM orgs o LEFT JOIN unnest({busyOrganizations}::uuid[], {busyCounts}::integer[]) AS b(organization_id, busy) USING (organization_id)),
            candidates AS (
                SELECT c.id, c.next_attempt_at, row_number() OVER (PARTITION BY r.organization_id ORDER BY c.next_attempt_at) AS turn
                FROM room r
                CROSS JOIN LATERAL (
                    SELECT id, next_attempt_at FROM webhook_deliveries
                    WHERE organization_id = r.organization_id AND status = 'Pending' AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at
                    LIMIT GREATEST(r.room, 0)
                    FOR UPDATE SKIP LOCKED) c),
            due AS (
                SELECT id FROM candidates ORDER BY turn, next_attempt_at LIMIT {slots})
            UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = {leaseUntil}
            FROM due, webhook_subscriptions s, outbox_events e
            WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
            RETURNING d.id, d.organization_id, d.subscription_id, d.event_id, e.type AS event_type, e.occurred_at, e.data::text AS data,
                      d.attempts AS attempt, s.url, s.protected_secret, s.secret AS plaintext_secret,
                      CASE WHEN s.previous_secret_expires_at > {now} THEN s.previous_protected_secret END AS previous_protected_secret
            """).ToListAsync(ct));
        return rows.Select(r => new ClaimedDelivery(r.Id, r.OrganizationId, r.SubscriptionId, r.EventId, r.EventType, r.OccurredAt,
            r.Data, r.Attempt, r.Url, Secrets(r.SubscriptionId, r.ProtectedSecret, r.PlaintextSecret, r.PreviousProtectedSecret))).ToList();
    }

    /// <summary>A claimed row as the statement returns it, secrets still encrypted.</summary>
    private sealed record ClaimedRow(
        Guid Id, Guid OrganizationId, Guid SubscriptionId, Guid EventId, string EventType, DateTimeOffset OccurredAt, string Data,
        int Attempt, string Url, byte[]? ProtectedSecret, string? PlaintextSecret, byte[]? PreviousProtectedSecret);

    /// <summary>The signing secrets, current first. A row from before encryption still has its secret in clear
    /// (until the start-up step moves it), so that one is used as it is.</summary>
    private List<string> Secrets(Guid subscription, byte[]? current, string? plaintext, byte[]? previous)
    {
        var secrets = new List<string>(2);
        try
        {
            if (current is not null)
            {
                secrets.Add(protector.UnprotectWebhookSecret(current));
            }
            else if (plaintext is not null)
            {
                secrets.Add(plaintext);
            }

            if (previous is not null)
            {
                secrets.Add(protector.UnprotectWebhookSecret(previous));
            }
        }
        catch (CryptographicException e)
        {
            logger.LogError(e, "The signing secret of webhook {WebhookId} cannot be decrypted: the data protection key ring "
                + "lost its key. Rotate the webhook's secret (POST /v1/webhooks/{{id}}/secret)", subscription);
            secrets.Clear();
        }

        return secrets;
    }

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

    /// <summary>
    /// Gives back a claim whose attempt never finished because this instance is stopping: due at once, and the
    /// interrupted attempt not counted. Only while the claim is still ours (same attempt count).
    /// </summary>
    public Task<int> ReleaseAsync(ClaimedDelivery delivery, DateTimeOffset now, CancellationToken ct) =>
        WithDbAsync(db => db.ExecuteAsync("webhooks.release-claim", $"""
            UPDATE webhook_deliveries SET attempts = attempts - 1, next_attempt_at = {now}
            WHERE id = {delivery.Id} AND attempts = {delivery.Attempt} AND status = 'Pending'
            """, ct));

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
