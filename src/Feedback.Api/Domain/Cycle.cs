namespace Feedback.Api.Domain;

/// <summary>One feedback round. Draft → open → closed; closed is final.</summary>
public sealed class Cycle
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public CycleStatus Status { get; set; }
    public int ScaleMin { get; set; } = 1;
    public int ScaleMax { get; set; } = 5;
    public int AnonymityThreshold { get; set; } = 3;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public uint Version { get; set; }
    public List<CycleBehavior> Behaviors { get; set; } = [];
}

/// <summary>A behavior a cycle asks about, with its dimension frozen at creation.</summary>
public sealed class CycleBehavior
{
    public Guid CycleId { get; set; }
    public Guid OrganizationId { get; set; }
    public required string BehaviorKey { get; set; }
    public Dimension Dimension { get; set; }
    public int Position { get; set; }
}
