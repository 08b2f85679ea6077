namespace Feedback.Api.Domain;

/// <summary>
/// An organization's webhook: where to POST which events. Its signing secret must be stored recoverably (a hash could
/// not sign), so it is stored encrypted with Data Protection (key ring outside the database); it is shown to the
/// client once, at creation or rotation.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Url { get; set; }
    public required string[] Events { get; set; }
    public string? Description { get; set; }

    /// <summary>The current signing secret, encrypted (<c>SecretProtector</c>). Null only on a row from before
    /// encryption until the start-up step moves <see cref="PlaintextSecret"/> here.</summary>
    public byte[]? ProtectedSecret { get; set; }

    /// <summary>After a rotation: the previous secret, encrypted, which still signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public byte[]? PreviousProtectedSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Column <c>secret</c>: written in clear by versions before encryption at rest; emptied at start
    /// (<c>WebhookSecretEncryption</c>). Never written now.</summary>
    public string? PlaintextSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An event written in the same transaction as the change it reports (the transactional outbox). The dispatcher fans
/// it out to one <see cref="WebhookDelivery"/> per matching subscription. <see cref="Data"/> holds ids and counts only.
/// </summary>
public sealed class OutboxEvent
{
    /// <summary>The stable event id, sent as <c>Webhook-Id</c> on every attempt to every subscriber.</summary>
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Type { get; set; }
    public required string Data { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Null until the dispatcher made this event's deliveries.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event to one subscription, with its retry state.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts started so far (a claimed attempt counts before it finishes).</summary>
    public int Attempts { get; set; }

    /// <summary>When a dispatcher may (re)try; while an attempt runs, the end of its lease.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The delivery log: one row per HTTP attempt.</summary>
public sealed class WebhookDeliveryAttempt
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public int Attempt { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
}
