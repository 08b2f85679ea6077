using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

        // Gap report (named indexes: several cover the same columns in different orders): only reportable rows are
        // listed; each index serves one sort order as the keyset query asks for it
        // (ORDER BY column [DESC], external_id), so a page reads only its rows at any depth; filters (department,
        // is_manager, quadrant) are applied along the scan. DESC indexes keep PostgreSQL's default null order, which is
        // the order EF Core's OrderByDescending asks for; null gaps are read separately (GapReportRows).
        b.HasIndex(r => new { r.CycleId, r.GapScore, r.ExternalId }, "ix_subject_reports_gap").HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_gap");
        b.HasIndex(r => new { r.CycleId, r.GapScore, r.ExternalId }, "ix_subject_reports_gap_desc").HasFilter("reportable")
            .IsDescending(false, true, false)
            .HasDatabaseName("ix_subject_reports_gap_desc");
        b.HasIndex(r => new { r.CycleId, r.Leadership, r.ExternalId }, "ix_subject_reports_leadership").HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_leadership");
        b.HasIndex(r => new { r.CycleId, r.Leadership, r.ExternalId }, "ix_subject_reports_leadership_desc").HasFilter("reportable")
            .IsDescending(false, true, false)
            .HasDatabaseName("ix_subject_reports_leadership_desc");
        b.HasIndex(r => new { r.CycleId, r.Management, r.ExternalId }, "ix_subject_reports_management").HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_management");
        b.HasIndex(r => new { r.CycleId, r.Management, r.ExternalId }, "ix_subject_reports_management_desc").HasFilter("reportable")
            .IsDescending(false, true, false)
            .HasDatabaseName("ix_subject_reports_management_desc");
        b.HasIndex(r => new { r.CycleId, r.DisplayName, r.ExternalId }, "ix_subject_reports_name").HasFilter("reportable")
            .HasDatabaseName("ix_subject_reports_name");

        // Sorted in byte order (collation "C"), whatever the database's default collation: the contract's order is the
        // same on every server and is what a client gets from an ordinal sort (a linguistic collation such as
        // en_US.UTF-8 puts "ab" before "aB" and ignores punctuation at first). Also the cheapest comparison.
        b.Property(r => r.ExternalId).HasMaxLength(128).UseCollation("C");
        b.Property(r => r.DisplayName).HasMaxLength(200).UseCollation("C");
        b.Property(r => r.Department).HasMaxLength(200);
        b.Property(r => r.ManagerExternalId).HasMaxLength(128);
        b.Property(r => r.Quadrant).HasConversion<string>().HasMaxLength(24);
        // json, not jsonb: the document is stored and returned as written (a close writes 100k of them; jsonb parsed
        // each into its binary form on the way in, ~25 µs per 3 KB report, and printed it back on every read, ~27 µs),
        // and nothing queries inside it. json still refuses text that is not JSON.
        b.Property(r => r.Report).HasColumnType("json");
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_subject_reports_quadrant", "quadrant IS NULL OR reportable");
            // A reportable subject's others' leadership and management are shown, and it has a quadrant.
            t.HasCheckConstraint("ck_subject_reports_reportable_figures",
                "NOT reportable OR (leadership IS NOT NULL AND management IS NOT NULL AND quadrant IS NOT NULL)");
        });

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
