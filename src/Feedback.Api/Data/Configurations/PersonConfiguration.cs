using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        // (organization_id, id) is the key other tables reference, so no row can point across tenants.
        b.HasAlternateKey(p => new { p.OrganizationId, p.Id });
        b.HasIndex(p => new { p.OrganizationId, p.ExternalId }).IsUnique();
        b.HasIndex(p => new { p.OrganizationId, p.ManagerId });
        b.HasIndex(p => new { p.OrganizationId, p.Department });
        b.HasIndex(p => new { p.OrganizationId, p.ScimExternalId }); // SCIM "externalId eq" filters
        b.Property(p => p.ExternalId).HasMaxLength(128);
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.Department).HasMaxLength(200);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.ScimExternalId).HasMaxLength(256);
        b.Property(p => p.Version).IsRowVersion();
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany()
            .HasForeignKey(p => new { p.OrganizationId, p.ManagerId })
            .HasPrincipalKey(p => new { p.OrganizationId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
