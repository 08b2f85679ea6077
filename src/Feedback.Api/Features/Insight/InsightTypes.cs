using Feedback.Api.Domain.Insight;
using Feedback.Api.Features.Reports;

namespace Feedback.Api.Features.Insight;

/// <summary>An outcome of the scorecard.</summary>
public enum OutcomeKind
{
    Productivity,
    Engagement,
    Retention,
}

/// <summary>What an outcome is correlated with: the subject's others' leadership, management, or gap score.</summary>
public enum CorrelatedScore
{
    Leadership,
    Management,
    Gap,
}

/// <summary>
/// How strongly each outcome goes with leadership, management and the gap, over the reportable subjects of a closed
/// cycle, from their shown scores only. A correlation, not a cause.
/// </summary>
/// <param name="CycleId">The cycle.</param>
/// <param name="MinimumN">Every figure needs at least this many subjects behind it (10); below, it is null.</param>
/// <param name="Items">Each outcome × {leadership, management, gap}, in that order.</param>
/// <param name="Groups">managersWhoArentLeaders against the other managers, leadersWhoArentManagers against the other non-managers, per outcome.</param>
public sealed record OutcomeReport(Guid CycleId, int MinimumN, IReadOnlyList<OutcomeCorrelation> Items, OutcomeGroups Groups);

/// <summary>One outcome against one score.</summary>
/// <param name="Outcome">productivity, engagement or retention.</param>
/// <param name="With">leadership, management or gap (others' shown scores).</param>
/// <param name="N">Reportable subjects with that score shown and that outcome recorded.</param>
/// <param name="Method">pointBiserial when every outcome value is 0 or 1: Pearson's r on a 0/1 variable is the point-biserial correlation.</param>
/// <param name="Pearson">Pearson's r; null below minimumN or when either side does not vary.</param>
/// <param name="PearsonCi95">95 % interval of r (Fisher z: tanh(atanh r ± 1.96/√(n − 3))).</param>
/// <param name="Spearman">Spearman's ρ (ranks, ties sharing their average rank).</param>
/// <param name="PValue">Two-sided p of "no correlation": t = r·√((n − 2)/(1 − r²)), Student t with n − 2 df. Nine tests per report: see the README on multiple comparisons.</param>
public sealed record OutcomeCorrelation(
    OutcomeKind Outcome, CorrelatedScore With, int N, CorrelationMethod Method, double? Pearson, double[]? PearsonCi95, double? Spearman, double? PValue);

/// <summary>The seed's two groups, each against the rest of its kind, per outcome.</summary>
/// <param name="ManagersWhoArentLeaders">Reportable managers with leadership below the cycle's median, against the other reportable managers.</param>
/// <param name="LeadersWhoArentManagers">Reportable non-managers with leadership at or above the median, against the other reportable non-managers.</param>
public sealed record OutcomeGroups(SeedGroupOutcomes ManagersWhoArentLeaders, SeedGroupOutcomes LeadersWhoArentManagers);

/// <summary>One seed group's outcomes against the rest of its kind.</summary>
public sealed record SeedGroupOutcomes(OutcomeGroupComparison Productivity, OutcomeGroupComparison Engagement, OutcomeGroupComparison Retention);

/// <summary>The mean outcome of the group against the rest of its kind (managers, or non-managers).</summary>
/// <param name="Group">The seed group's subjects with this outcome recorded.</param>
/// <param name="Rest">The others of its kind with this outcome recorded.</param>
/// <param name="Difference">group − rest with Welch's 95 % interval; null unless both means are shown.</param>
public sealed record OutcomeGroupComparison(OutcomeGroupFigures Group, OutcomeGroupFigures Rest, WelchDifference? Difference);

/// <summary>One group's outcome: n always; mean and sd (n − 1) only from minimumN subjects on.</summary>
public sealed record OutcomeGroupFigures(int N, double? Mean, double? Sd);

/// <summary>How the teams report groups subjects.</summary>
public enum TeamGrouping
{
    Department,
    Manager,
}

/// <summary>Reportable subjects rolled up by team; teams too small to show are folded into one "other" entry.</summary>
/// <param name="CycleId">The cycle.</param>
/// <param name="By">department (as snapshotted at close) or manager (the subject's manager at close, by externalId).</param>
/// <param name="AnonymityThreshold">k: every entry shown holds at least k reportable subjects.</param>
/// <param name="Items">Teams by name (subjects without a department or manager last, as team null), then other.</param>
public sealed record TeamReport(Guid CycleId, TeamGrouping By, int AnonymityThreshold, IReadOnlyList<TeamRollupItem> Items);

/// <summary>A team's reportable subjects and the means of their shown scores.</summary>
/// <param name="Team">The department or the manager's externalId; null for those without one, and for other.</param>
/// <param name="Other">True for the entry holding every team folded for being small (or to protect another small one).</param>
/// <param name="Teams">How many teams the entry holds: 1, or how many were folded into other.</param>
/// <param name="Subjects">Reportable subjects in it.</param>
/// <param name="Leadership">Mean of their others' leadership scores.</param>
/// <param name="Management">Mean of their others' management scores.</param>
/// <param name="Gap">Mean of their shown gap scores (null when none is shown).</param>
/// <param name="Quadrants">How many of them sit in each quadrant (the cycle's medians).</param>
public sealed record TeamRollupItem(
    string? Team, bool Other, int Teams, int Subjects, double? Leadership, double? Management, double? Gap, QuadrantCounts? Quadrants);
