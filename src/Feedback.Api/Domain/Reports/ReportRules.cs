namespace Feedback.Api.Domain.Reports;

/// <summary>Which version of the report rules the calculator implements; stored with every materialized cycle.</summary>
public static class ReportRules
{
    /// <summary>
    /// 1: each statistic over its own raters, behaviors over every others' score (before issue 9; solvable for single
    /// raters). 2: one set of counted raters (both sheets valid) for every figure, and the pieces rule for behaviors.
    /// 3: means over raters exact until one rounding, so equal means are equal doubles (ties in sorts and at medians).
    /// Bump it when a rule changes what a report shows: at start, the service recomputes every closed cycle
    /// materialized by an older version (<c>RecomputeStaleReports</c>).
    /// </summary>
    public const int Version = 3;
}
