using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Domain;

/// <summary>
/// The read model written when a cycle closes: one row per subject with at least one assignment. The subject's
/// display name, department and <c>isManager</c> are snapshotted, the headline figures are columns (so the gap report
/// sorts and filters in SQL), and <see cref="Report"/> is the whole person report as JSON (so reading it is one row).
/// Never updated after close, except once when the report rules change (<see cref="ReportRules.Version"/>): then the
/// rows are recomputed from the frozen sheets, keeping the snapshot taken at close.
/// </summary>
public sealed class SubjectReport
{
    public Guid CycleId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SubjectId { get; set; }
    public required string ExternalId { get; set; }
    public required string DisplayName { get; set; }
    public string? Department { get; set; }
    public bool IsManager { get; set; }

    /// <summary>The subject's manager at close (the teams report's <c>by=manager</c>); null when none, or closed before it was kept.</summary>
    public string? ManagerExternalId { get; set; }

    public bool Reportable { get; set; }
    public bool Suppressed { get; set; }

    /// <summary>Others' leadership score, null when hidden.</summary>
    public double? Leadership { get; set; }

    /// <summary>Others' management score, null when hidden.</summary>
    public double? Management { get; set; }

    public double? GapScore { get; set; }
    public int? GapN { get; set; }
    public double? GapSd { get; set; }
    public double? GapCiLow { get; set; }
    public double? GapCiHigh { get; set; }
    public bool? GapSignificant { get; set; }

    /// <summary>Null unless <see cref="Reportable"/>.</summary>
    public Quadrant? Quadrant { get; set; }

    /// <summary>The person report (<c>PersonReport</c>) serialized with the API's JSON options.</summary>
    public required string Report { get; set; }
}

/// <summary>The whole-cycle summary of the organization report, computed once at close.</summary>
public sealed class CycleReportSummary
{
    public Guid CycleId { get; set; }
    public Guid OrganizationId { get; set; }
    public int Subjects { get; set; }
    public int Reportable { get; set; }
    public double? MedianLeadership { get; set; }
    public double? MedianManagement { get; set; }
    public double? MeanGap { get; set; }
    public int LeaderAndManager { get; set; }
    public int LeaderOnly { get; set; }
    public int ManagerOnly { get; set; }
    public int Developing { get; set; }
    public int ManagersWhoArentLeaders { get; set; }
    public int LeadersWhoArentManagers { get; set; }

    /// <summary>The <see cref="ReportRules.Version"/> these reports were computed by; older ones are recomputed at start.</summary>
    public int RulesVersion { get; set; }
}
