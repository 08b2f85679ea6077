using System.Text.Json.Serialization;

namespace Feedback.Api.Domain.Reports;

// The figures of a person report. These records are the wire shape (camelCase, enums as camelCase strings):
// a hidden statistic is null as a whole; a shown one has null parts where undefined (sd with n < 2).

/// <summary>
/// Responders per relationship: raters whose leadership and management scores are both valid (for others, the counted
/// raters every figure comes from); others = the four non-self groups.
/// </summary>
public sealed record ResponderCounts(int Self, int Manager, int Peer, int DirectReport, int Other, int Others);

/// <summary>Statistics of one dimension over the counted raters. sd, ci95, agreement are null when n &lt; 2.</summary>
public sealed record DimensionStatistics(double Score, int N, double? Sd, double[]? Ci95, double? Agreement);

/// <summary>The paired gap: mean over raters of s(r, leadership) − s(r, management). Positive = leads more than manages.</summary>
public sealed record GapStatistics(double Score, int N, double? Sd, double[]? Ci95, bool Significant);

public sealed record OthersFigures(DimensionStatistics? Leadership, DimensionStatistics? Management, GapStatistics? Gap);

public sealed record SelfFigures(double? Leadership, double? Management, double? Gap);

/// <summary>Self minus others. Large positive = blind spot; large negative = hidden strength.</summary>
public sealed record SelfVsOthersFigures(double? Leadership, double? Management, double? Gap);

public sealed record GroupFigures(
    Relationship Relationship,
    int Responders,
    bool Suppressed,
    DimensionStatistics? Leadership,
    DimensionStatistics? Management,
    GapStatistics? Gap);

/// <summary>
/// One behavior over the non-null scores of the counted raters the pieces rule lets into its dimension's figures
/// (<see cref="BehaviorPieces"/>); distribution keys every scale point ("1".."5"). Score, n, sd and distribution are
/// null together when none of them scored it.
/// </summary>
public sealed record BehaviorFigures(
    string Key,
    Dimension Dimension,
    double? Score,
    int? N,
    double? Sd,
    IReadOnlyDictionary<string, int>? Distribution,
    int? Self);

public sealed record ReportComments(IReadOnlyList<string> Leadership, IReadOnlyList<string> Management);

public sealed record PersonReportFigures(
    ResponderCounts Responders,
    bool Suppressed,
    OthersFigures? Others,
    SelfFigures Self,
    SelfVsOthersFigures? SelfVsOthers,
    IReadOnlyList<GroupFigures> Groups,
    IReadOnlyList<BehaviorFigures> Behaviors,
    IReadOnlyList<Dimension> BehaviorsHidden,
    ReportComments? Comments)
{
    /// <summary>
    /// Gets a quadrant: not suppressed and others' leadership and management both shown (under the counted-raters rule
    /// a report that is not suppressed always shows both). Not a wire field.
    /// </summary>
    [JsonIgnore]
    public bool Reportable => !Suppressed && Others?.Leadership is not null && Others?.Management is not null;
}
