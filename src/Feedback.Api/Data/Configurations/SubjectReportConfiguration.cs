using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Feedback.Api.Data.Configurations;

internal sealed class SubjectReportConfiguration : IEntityTypeConfiguration<SubjectReport>
{
    public void Configure(EntityTypeBuilder<SubjectReport> b)
    {
        b.ToTable("subject_reports");
        b.HasKey(r => new { r.CycleId, r.SubjectId });

        // Person report: one row by (cycle, externalId). Trend: a person's rows across cycles.
        b.HasIndex(r => new { r.CycleId, r.ExternalId }).IsUnique();
        b.HasIndex(r => new { r.OrganizationId, r.SubjectId });

        // Gap report: only reportable rows are listed; each index serves one sort order (ties by external_id),
        // filters (department, is_manager, quadrant) are applied along the scan.
        b.HasIndex(r => new { r.CycleId, r.GapScore, r.ExternalId }).HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_gap");
        b.HasIndex(r => new { r.CycleId, r.GapScore, r.ExternalId }).HasFilter("reportable")
            .IsDescending(false, true, false).HasNullSortOrder(NullSortOrder.NullsLast, NullSortOrder.NullsLast, NullSortOrder.NullsLast)
            .HasDatabaseName("ix_subject_reports_gap_desc");
        b.HasIndex(r => new { r.CycleId, r.Leadership, r.ExternalId }).HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_leadership");
        b.HasIndex(r => new { r.CycleId, r.Management, r.ExternalId }).HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_management");
        b.HasIndex(r => new { r.CycleId, r.DisplayName, r.ExternalId }).HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_name");

        b.Property(r => r.ExternalId).HasMaxLength(128);
        b.Property(r => r.DisplayName).HasMaxLength(200);
        b.Property(r => r.Department).HasMaxLength(200);
        b.Property(r => r.ManagerExternalId).HasMaxLength(128);
        b.Property(r => r.Quadrant).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Report).HasColumnType("jsonb");
        b.ToTable(t => t.HasCheckConstraint("ck_subject_reports_quadrant", "quadrant IS NULL OR reportable"));

        b.HasOne<Cycle>().WithMany()
            .HasForeignKey(r => new { r.OrganizationId, r.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);

        // No foreign key to people: the rows are a snapshot derived from assignments (which reference people by
        // (organization_id, id)), and a per-row check at close would be one more lookup per subject in the close
        // transaction.
    }
}

internal sealed class CycleReportSummaryConfiguration : IEntityTypeConfiguration<CycleReportSummary>
{
    public void Configure(EntityTypeBuilder<CycleReportSummary> b)
    {
        b.ToTable("cycle_report_summaries");
        b.HasKey(s => s.CycleId);
        b.HasOne<Cycle>().WithMany()
            .HasForeignKey(s => new { s.OrganizationId, s.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
