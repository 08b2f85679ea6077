using System.Globalization;

namespace Feedback.Api.Domain.Reports;

/// <summary>Per-behavior figures (PRODUCT.md, "How the numbers are computed" 5).</summary>
public static class BehaviorStatistics
{
    /// <summary>
    /// For each cycle behavior, in cycle order: the non-null scores of the raters admitted to its dimension's figures
    /// (<paramref name="admitted"/>, decided by <see cref="BehaviorPieces"/>), and the self rater's raw score.
    /// </summary>
    public static IReadOnlyList<BehaviorFigures> Compute(
        ReportCycle cycle, RaterInput? self, Func<Dimension, IReadOnlyList<RaterInput>> admitted)
    {
        var byDimension = new Dictionary<Dimension, IReadOnlyList<RaterInput>>
        {
            [Dimension.Leadership] = admitted(Dimension.Leadership),
            [Dimension.Management] = admitted(Dimension.Management),
        };
        return cycle.Behaviors
            .Select(b => Describe(cycle, b, byDimension[b.Dimension].Select(r => ScoreOf(r, b)).OfType<int>().ToList(), SelfScore(self, b)))
            .ToList();
    }

    /// <summary>Mean, n, sample sd and distribution of the scores; all null when there are none.</summary>
    public static BehaviorFigures Describe(ReportCycle cycle, CycleBehaviorRef behavior, IReadOnlyList<int> scores, int? self)
    {
        if (scores.Count == 0)
        {
            return Hidden(behavior, self);
        }

        var values = scores.Select(s => (double)s).ToList();
        return new BehaviorFigures(
            behavior.Key, behavior.Dimension, Statistics.Mean(values), scores.Count, Statistics.SampleSd(values),
            Distribution(cycle, scores), self);
    }

    /// <summary>A behavior with no figures: only the self rater's score remains.</summary>
    public static BehaviorFigures Hidden(CycleBehaviorRef behavior, int? self) =>
        new(behavior.Key, behavior.Dimension, null, null, null, null, self);

    /// <summary>Count per scale point, every point from scaleMin to scaleMax as a string key, zeros included.</summary>
    public static IReadOnlyDictionary<string, int> Distribution(ReportCycle cycle, IReadOnlyList<int> scores)
    {
        var distribution = new Dictionary<string, int>();
        for (var point = cycle.ScaleMin; point <= cycle.ScaleMax; point++)
        {
            distribution[point.ToString(CultureInfo.InvariantCulture)] = scores.Count(s => s == point);
        }

        return distribution;
    }

    /// <summary>The self rater's raw score for a behavior (null without a self rater, sheet or score).</summary>
    public static int? SelfScore(RaterInput? self, CycleBehaviorRef behavior) => self is null ? null : ScoreOf(self, behavior);

    private static int? ScoreOf(RaterInput rater, CycleBehaviorRef behavior) =>
        rater.SheetOf(behavior.Dimension) is { } sheet && sheet.TryGetValue(behavior.Key, out var score) ? score : null;
}
