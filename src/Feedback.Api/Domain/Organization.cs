namespace Feedback.Api.Domain;

/// <summary>A tenant: every other row belongs to exactly one.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
