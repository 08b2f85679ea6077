using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class SheetConfiguration : IEntityTypeConfiguration<Sheet>
{
    public void Configure(EntityTypeBuilder<Sheet> b)
    {
        b.HasIndex(s => new { s.AssignmentId, s.Dimension }).IsUnique();
        b.HasIndex(s => new { s.CycleId, s.Dimension });
        b.Property(s => s.Dimension).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Scores).HasColumnType("jsonb");
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sheets_scores_object", "jsonb_typeof(scores) = 'object'");
            t.HasCheckConstraint("ck_sheets_revision", "revision >= 1");
        });
        b.HasOne<Assignment>().WithMany()
            .HasForeignKey(s => new { s.OrganizationId, s.AssignmentId })
            .HasPrincipalKey(a => new { a.OrganizationId, a.Id })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Cycle>().WithMany()
            .HasForeignKey(s => new { s.OrganizationId, s.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
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
