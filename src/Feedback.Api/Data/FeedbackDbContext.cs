using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data;

public sealed class FeedbackDbContext(DbContextOptions<FeedbackDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Behavior> Behaviors => Set<Behavior>();
    public DbSet<Cycle> Cycles => Set<Cycle>();
    public DbSet<CycleBehavior> CycleBehaviors => Set<CycleBehavior>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Sheet> Sheets => Set<Sheet>();
    public DbSet<SheetRevision> SheetRevisions => Set<SheetRevision>();
    public DbSet<SubjectReport> SubjectReports => Set<SubjectReport>();
    public DbSet<CycleReportSummary> CycleReportSummaries => Set<CycleReportSummary>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeedbackDbContext).Assembly);
}
