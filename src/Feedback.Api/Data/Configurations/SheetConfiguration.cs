using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class SheetConfiguration : IEntityTypeConfiguration<Sheet>
{
    public void Configure(EntityTypeBuilder<Sheet> b)
    {
        // Two indexes in all (the primary key and this one), because every one is written by every first submission:
        // one sheet per assignment and dimension (the upsert's conflict target; an assignment is in one organization
        // and one cycle, so the leading columns change nothing about uniqueness), and the same index serves the foreign
        // key below, a cycle's sheets and an assignment's sheets.
        b.HasIndex(s => new { s.OrganizationId, s.CycleId, s.AssignmentId, s.Dimension }).IsUnique();
        // Room in each page for a resubmission's new version, so it is a HOT update (no index entry written).
        b.HasStorageParameter("fillfactor", 90);
        b.Property(s => s.Dimension).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Scores).HasColumnType("jsonb");
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sheets_scores_object", "jsonb_typeof(scores) = 'object'");
            t.HasCheckConstraint("ck_sheets_revision", "revision >= 1");
        });
        // The sheet's assignment, in the sheet's organization and cycle: one foreign key says both (the cycle's through
        // the assignment's own foreign key), checked once when the sheet is first written, never on a resubmission (the
        // key columns never change), and with no lock on the cycle's row, which every first submission would share.
        b.HasOne<Assignment>().WithMany()
            .HasForeignKey(s => new { s.OrganizationId, s.CycleId, s.AssignmentId })
            .HasPrincipalKey(a => new { a.OrganizationId, a.CycleId, a.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SheetRevisionConfiguration : IEntityTypeConfiguration<SheetRevision>
{
    public void Configure(EntityTypeBuilder<SheetRevision> b)
    {
        b.HasIndex(r => new { r.SheetId, r.Revision }).IsUnique();
        b.Property(r => r.Dimension).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Scores).HasColumnType("jsonb");
        b.Property(r => r.Comment).HasMaxLength(2000);
        b.HasOne<Sheet>().WithMany().HasForeignKey(r => r.SheetId).OnDelete(DeleteBehavior.Cascade);
    }
}
