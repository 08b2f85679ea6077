using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class OutcomeConfiguration : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> b)
    {
        b.ToTable("outcomes", t =>
        {
            t.HasCheckConstraint("ck_outcomes_retention", "retention IS NULL OR (retention >= 0 AND retention <= 1)");
            // NaN and ±Infinity are valid float8 values in PostgreSQL; none of them is an outcome.
            t.HasCheckConstraint("ck_outcomes_finite",
                "(productivity IS NULL OR productivity NOT IN ('NaN', 'Infinity', '-Infinity')) AND "
                + "(engagement IS NULL OR engagement NOT IN ('NaN', 'Infinity', '-Infinity')) AND "
                + "(retention IS NULL OR retention <> 'NaN')");
        });

        // The tenant is part of every key and reference, so a row can never point into another organization.
        b.HasKey(o => new { o.OrganizationId, o.CycleId, o.PersonId });
        b.HasOne<Cycle>().WithMany()
            .HasForeignKey(o => new { o.OrganizationId, o.CycleId })
            .HasPrincipalKey(c => new { c.OrganizationId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany()
            .HasForeignKey(o => new { o.OrganizationId, o.PersonId })
            .HasPrincipalKey(p => new { p.OrganizationId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
