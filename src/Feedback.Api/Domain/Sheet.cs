namespace Feedback.Api.Domain;

/// <summary>
/// What a rater submitted for one assignment and one dimension. <see cref="Scores"/> is a JSON object
/// <c>{ behaviorKey: integer | null }</c> holding every behavior of that dimension in the cycle (null = not observed),
/// stored as jsonb so reports aggregate it in SQL (<c>jsonb_each</c>).
/// </summary>
public sealed class Sheet
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CycleId { get; set; }
    public Guid AssignmentId { get; set; }
    public Dimension Dimension { get; set; }
    public required string Scores { get; set; }
    public string? Comment { get; set; }

    /// <summary>1 on the first submission, +1 on each resubmission.</summary>
    public int Revision { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>A version of a sheet that a resubmission replaced: the audit trail. Never shown in reports.</summary>
public sealed class SheetRevision
{
    public long Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SheetId { get; set; }
    public Guid AssignmentId { get; set; }
    public Dimension Dimension { get; set; }
    public required string Scores { get; set; }
    public string? Comment { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
}
