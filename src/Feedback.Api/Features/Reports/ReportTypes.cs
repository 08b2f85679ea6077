using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// One person's report for one closed cycle. Hidden figures are null (see PRODUCT.md, "Anonymity"); numbers are not
/// rounded. Materialized when the cycle closes and never changes afterwards.
/// </summary>
/// <param name="CycleId">The cycle.</param>
/// <param name="AnonymityThreshold">k: no figure shown is computed from fewer than k others.</param>
/// <param name="ScaleMin">Lowest point of the rating scale.</param>
/// <param name="ScaleMax">Highest point of the rating scale.</param>
/// <param name="Subject">The subject as the org chart stood when the cycle closed.</param>
/// <param name="Responders">Counted raters (leadership and management both valid) per relationship; always shown.</param>
/// <param name="Suppressed">True when others' counted raters are fewer than k: every others' figure is then null.</param>
/// <param name="Others">The counted raters (every rater but self with both sheets valid): leadership, management and gap
/// statistics over the same raters; null when suppressed.</param>
/// <param name="Self">The self rater's scores; fields null when undefined.</param>
/// <param name="SelfVsOthers">Self minus others (positive = blind spot); null when suppressed.</param>
/// <param name="Groups">Always manager, peer, directReport, other, in that order; a shown group shows all three statistics.</param>
/// <param name="Behaviors">In the cycle's behavior order; figures from the counted raters the pieces rule lets in.</param>
/// <param name="BehaviorsHidden">The dimensions whose behavior figures are all null (both when suppressed; empty when none).</param>
/// <param name="Quadrant">Null unless the subject is reportable (not suppressed, others' leadership and management shown).</param>
/// <param name="Comments">Others' comments in an order that reveals neither time nor relationship; null when suppressed.</param>
public sealed record PersonReport(
    Guid CycleId,
    int AnonymityThreshold,
    int ScaleMin,
    int ScaleMax,
    ReportSubject Subject,
    ResponderCounts Responders,
    bool Suppressed,
    OthersFigures? Others,
    SelfFigures Self,
    SelfVsOthersFigures? SelfVsOthers,
    IReadOnlyList<GroupFigures> Groups,
    IReadOnlyList<BehaviorFigures> Behaviors,
    IReadOnlyList<Dimension> BehaviorsHidden,
    Quadrant? Quadrant,
    ReportComments? Comments);

/// <summary>The subject as the org chart stood when the cycle closed.</summary>
public sealed record ReportSubject(string ExternalId, string DisplayName, string? Department, bool IsManager);

/// <summary>The organization report: the whole-cycle summary and one page of reportable subjects.</summary>
public sealed record GapReport(Guid CycleId, GapReportSummary Summary, IReadOnlyList<GapReportItem> Items, string? NextCursor);

/// <summary>Covers the whole cycle, whatever the filters and page.</summary>
/// <param name="Subjects">Distinct subjects with at least one assignment.</param>
/// <param name="Reportable">Subjects whose report is not suppressed (others' leadership, management and gap are then shown).</param>
/// <param name="MedianLeadership">Median of the reportable subjects' others' leadership; null if none.</param>
/// <param name="MedianManagement">Median of the reportable subjects' others' management; null if none.</param>
/// <param name="MeanGap">Mean of the reportable subjects' shown gap scores; null if none.</param>
/// <param name="Quadrants">Reportable subjects per quadrant.</param>
/// <param name="ManagersWhoArentLeaders">Reportable subjects with isManager and leadership below the median.</param>
/// <param name="LeadersWhoArentManagers">Reportable subjects without isManager and leadership at or above the median.</param>
public sealed record GapReportSummary(
    int Subjects,
    int Reportable,
    double? MedianLeadership,
    double? MedianManagement,
    double? MeanGap,
    QuadrantCounts Quadrants,
    int ManagersWhoArentLeaders,
    int LeadersWhoArentManagers);

public sealed record QuadrantCounts(int LeaderAndManager, int LeaderOnly, int ManagerOnly, int Developing);

/// <summary>A reportable subject: others' scores, the gap (null when hidden) and the quadrant.</summary>
public sealed record GapReportItem(
    string ExternalId,
    string DisplayName,
    string? Department,
    bool IsManager,
    double Leadership,
    double Management,
    GapReportGap? Gap,
    Quadrant Quadrant);

/// <summary>Others' gap (leadership minus management, per rater first): positive = leads more than manages.</summary>
public sealed record GapReportGap(double Score, int N, double[]? Ci95, bool Significant);

/// <summary>One closed cycle in a person's trend.</summary>
/// <param name="CycleId">The cycle.</param>
/// <param name="CycleName">The cycle's name.</param>
/// <param name="ClosedAt">When the cycle closed.</param>
/// <param name="Suppressed">True when others' counted raters were fewer than the cycle's threshold.</param>
/// <param name="Leadership">Others' leadership score; null when hidden.</param>
/// <param name="Management">Others' management score; null when hidden.</param>
/// <param name="Gap">Others' gap statistics; null when hidden.</param>
/// <param name="GapChange">The change in gap since the previous point; null on the first point and when either gap is hidden.</param>
public sealed record TrendPoint(
    Guid CycleId,
    string CycleName,
    DateTimeOffset ClosedAt,
    bool Suppressed,
    double? Leadership,
    double? Management,
    GapStatistics? Gap,
    TrendGapChange? GapChange = null);

/// <summary>
/// This cycle's gap minus the previous cycle's, with Welch's 95 % interval from the two cycles' shown gap score, sd and n
/// (treating the two sets of raters as independent samples; raters who rated in both make it conservative).
/// </summary>
/// <param name="FromCycleId">The previous cycle of the trend.</param>
/// <param name="Difference">gap.score here minus gap.score there: positive = the balance moved towards leadership.</param>
/// <param name="Ci95">Welch interval; null when either gap has no sd (n &lt; 2) or neither varies.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom; null with <paramref name="Ci95"/>.</param>
/// <param name="Significant">The interval exists and excludes 0.</param>
public sealed record TrendGapChange(Guid FromCycleId, double Difference, double[]? Ci95, double? DegreesOfFreedom, bool Significant);
