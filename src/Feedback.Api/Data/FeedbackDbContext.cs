using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data;

public class FeedbackDbContext : DbContext
{
    public FeedbackDbContext(DbContextOptions<FeedbackDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="FeedbackReadOnlyDbContext"/>: the same model over another connection.</summary>
    protected FeedbackDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Behavior> Behaviors => Set<Behavior>();
    public DbSet<Cycle> Cycles => Set<Cycle>();
    public DbSet<CycleBehavior> CycleBehaviors => Set<CycleBehavior>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Sheet> Sheets => Set<Sheet>();
    public DbSet<SheetRevision> SheetRevisions => Set<SheetRevision>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();
    public DbSet<SubjectReport> SubjectReports => Set<SubjectReport>();
    public DbSet<CycleReportSummary> CycleReportSummaries => Set<CycleReportSummary>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeedbackDbContext).Assembly);
}
