using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.HasAlternateKey(s => new { s.OrganizationId, s.Id });
        b.Property(s => s.Url).HasMaxLength(2048);
        b.Property(s => s.Description).HasMaxLength(500);
        b.Property(s => s.PlaintextSecret).HasColumnName("secret").HasMaxLength(100);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> b)
    {
        b.ToTable("outbox_events");
        b.Property(e => e.Type).HasMaxLength(64);
        // json (not jsonb) keeps the payload's key order as written.
        b.Property(e => e.Data).HasColumnType("json");
        // The dispatcher's queue: only events not yet fanned out.
        b.HasIndex(e => e.OccurredAt).HasFilter("fanned_out_at IS NULL").HasDatabaseName("ix_outbox_events_pending");
        // The fan-out takes each organization's pending events in turn.
        b.HasIndex(e => new { e.OrganizationId, e.OccurredAt }).HasFilter("fanned_out_at IS NULL").HasDatabaseName("ix_outbox_events_pending_by_organization");
        b.HasIndex(e => e.FannedOutAt);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        b.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");
        // The claim takes each organization's due deliveries in turn.
        b.HasIndex(d => new { d.OrganizationId, d.NextAttemptAt }).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due_by_organization");
        b.HasIndex(d => d.EventId);
        b.HasOne<WebhookSubscription>().WithMany()
            .HasForeignKey(d => new { d.OrganizationId, d.SubscriptionId })
            .HasPrincipalKey(s => new { s.OrganizationId, s.Id })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OutboxEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> b)
    {
        b.Property(a => a.EventType).HasMaxLength(64);
        b.Property(a => a.Error).HasMaxLength(500);
        b.HasIndex(a => new { a.SubscriptionId, a.Id });
        b.HasIndex(a => a.DeliveryId);
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
