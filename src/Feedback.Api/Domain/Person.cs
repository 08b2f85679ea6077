namespace Feedback.Api.Domain;

/// <summary>Someone in the org chart, addressed by the HR system's own id.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string ExternalId { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public Guid? ManagerId { get; set; }
    public string? Department { get; set; }
    public string? Title { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>The identity provider's own id for the person (SCIM <c>externalId</c>), or null.</summary>
    public string? ScimExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes on every update, so it serves as the ETag.</summary>
    public uint Version { get; set; }
}
