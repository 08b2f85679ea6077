namespace Feedback.Api.Domain;

/// <summary>An observable behavior, rated in exactly one dimension.</summary>
public sealed class Behavior
{
    public Guid OrganizationId { get; set; }
    public required string Key { get; set; }
    public Dimension Dimension { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public bool Retired { get; set; }

    /// <summary>Catalog order: defaults first, then custom behaviors in creation order.</summary>
    public int Position { get; set; }

    /// <summary>PostgreSQL's xmin, the ETag of the behavior.</summary>
    public uint Version { get; set; }
}
