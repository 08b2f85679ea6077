using System.Globalization;

namespace Feedback.Api.Domain.Reports;

/// <summary>Per-behavior figures (PRODUCT.md, "How the numbers are computed" 4), before anonymity is applied.</summary>
public static class BehaviorStatistics
{
    /// <summary>
    /// For each cycle behavior, in cycle order: the others' non-null scores from every others' sheet of its dimension
    /// (valid dimension score or not), and the self rater's raw score.
    /// </summary>
    public static IReadOnlyList<BehaviorFigures> Compute(ReportCycle cycle, IReadOnlyList<RaterInput> raters)
    {
        var self = raters.FirstOrDefault(r => r.Relationship == Relationship.Self);
        var others = raters.Where(r => r.Relationship != Relationship.Self).ToList();
        return cycle.Behaviors.Select(b => Describe(cycle, b, OthersScores(others, b), SelfScore(self, b))).ToList();
    }

    public static BehaviorFigures Describe(ReportCycle cycle, CycleBehaviorRef behavior, IReadOnlyList<int> scores, int? self)
    {
        if (scores.Count == 0)
        {
            return new BehaviorFigures(behavior.Key, behavior.Dimension, null, 0, null, Distribution(cycle, scores), self);
        }

        var values = scores.Select(s => (double)s).ToList();
        return new BehaviorFigures(
            behavior.Key, behavior.Dimension, Statistics.Mean(values), scores.Count, Statistics.SampleSd(values),
            Distribution(cycle, scores), self);
    }

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

    private static List<int> OthersScores(List<RaterInput> others, CycleBehaviorRef behavior) =>
        others.Select(r => ScoreOf(r, behavior)).OfType<int>().ToList();

    private static int? SelfScore(RaterInput? self, CycleBehaviorRef behavior) => self is null ? null : ScoreOf(self, behavior);

    private static int? ScoreOf(RaterInput rater, CycleBehaviorRef behavior) =>
        rater.SheetOf(behavior.Dimension) is { } sheet && sheet.TryGetValue(behavior.Key, out var score) ? score : null;
}
