using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class CycleConfiguration : IEntityTypeConfiguration<Cycle>
{
    public void Configure(EntityTypeBuilder<Cycle> b)
    {
        b.HasAlternateKey(c => new { c.OrganizationId, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt });
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsRowVersion();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_cycles_scale", "scale_min IN (0, 1) AND scale_max BETWEEN 3 AND 10");
            t.HasCheckConstraint("ck_cycles_threshold", "anonymity_threshold BETWEEN 3 AND 10");
        });
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Behaviors).WithOne()
            .HasForeignKey(cb => new { cb.OrganizationId, cb.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CycleBehaviorConfiguration : IEntityTypeConfiguration<CycleBehavior>
{
    public void Configure(EntityTypeBuilder<CycleBehavior> b)
    {
        b.HasKey(cb => new { cb.CycleId, cb.BehaviorKey });
        b.HasIndex(cb => new { cb.CycleId, cb.Position }).IsUnique();
        b.Property(cb => cb.BehaviorKey).HasMaxLength(64);
        b.Property(cb => cb.Dimension).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Behavior>().WithMany()
            .HasForeignKey(cb => new { cb.OrganizationId, cb.BehaviorKey })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
