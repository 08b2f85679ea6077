namespace Feedback.Api.Domain;

/// <summary>"Rater R rates subject S in cycle C, as relationship X". The rater token is stored as a hash.</summary>
public sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CycleId { get; set; }
    public Guid SubjectId { get; set; }
    public Guid RaterId { get; set; }
    public Relationship Relationship { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
