using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Feedback.Api.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.CredentialId, r.Key });
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.ResponseHeaders).HasColumnType("jsonb");
        b.HasIndex(r => r.CreatedAt);
    }
}
