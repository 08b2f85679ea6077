using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.HasAlternateKey(a => new { a.OrganizationId, a.Id });
        b.HasIndex(a => new { a.CycleId, a.SubjectId, a.RaterId }).IsUnique();
        b.HasIndex(a => new { a.CycleId, a.RaterId });
        b.HasIndex(a => a.TokenHash).IsUnique();
        b.Property(a => a.Relationship).HasConversion<string>().HasMaxLength(16);
        b.ToTable(t => t.HasCheckConstraint("ck_assignments_self",
            "(relationship = 'Self') = (subject_id = rater_id)"));
        b.HasOne<Cycle>().WithMany()
            .HasForeignKey(a => new { a.OrganizationId, a.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany()
            .HasForeignKey(a => new { a.OrganizationId, a.SubjectId })
            .HasPrincipalKey(p => new { p.OrganizationId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany()
            .HasForeignKey(a => new { a.OrganizationId, a.RaterId })
            .HasPrincipalKey(p => new { p.OrganizationId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
