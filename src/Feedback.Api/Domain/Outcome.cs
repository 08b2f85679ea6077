namespace Feedback.Api.Domain;

/// <summary>
/// The scorecard leaders and managers are both judged by, for one subject of one cycle, as the HR system reports it
/// (often months after the cycle closed). Units are the HR system's; retention is 0..1 (0 left, 1 stayed, or a
/// probability of staying).
/// </summary>
public sealed class Outcome
{
    public Guid OrganizationId { get; set; }
    public Guid CycleId { get; set; }
    public Guid PersonId { get; set; }
    public double? Productivity { get; set; }
    public double? Engagement { get; set; }
    public double? Retention { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
