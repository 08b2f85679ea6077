namespace Feedback.Api.Domain.Reports;

/// <summary>The paired gap (PRODUCT.md, "How the numbers are computed" 3).</summary>
public static class GapCalculator
{
    /// <summary>g(r) = s(r, leadership) − s(r, management), only when both are valid.</summary>
    public static double? RaterGap(double? leadership, double? management) =>
        leadership is double l && management is double m ? l - m : null;

    /// <summary>
    /// Statistics over each rater's own difference (so a rater's leniency cancels out); null when n = 0.
    /// Significant = ci95 exists and excludes 0.
    /// </summary>
    public static GapStatistics? Describe(IReadOnlyList<double> raterGaps)
    {
        if (raterGaps.Count == 0)
        {
            return null;
        }

        return Describe(raterGaps, Statistics.Mean(raterGaps));
    }

    /// <summary><see cref="Describe(IReadOnlyList{double})"/> over exact rater gaps: equal means are equal doubles (<see cref="ScoreFraction"/>).</summary>
    public static GapStatistics? DescribeRaterGaps(IReadOnlyList<ScoreFraction> raterGaps) =>
        raterGaps.Count == 0 ? null : Describe(raterGaps.Select(g => g.Value).ToList(), ScoreFraction.Mean(raterGaps));

    private static GapStatistics Describe(IReadOnlyList<double> raterGaps, double mean)
    {
        var sd = Statistics.SampleSd(raterGaps, mean);
        var ci95 = Statistics.Ci95(mean, sd, raterGaps.Count);
        return new GapStatistics(mean, raterGaps.Count, sd, ci95, IsSignificant(ci95));
    }

    public static bool IsSignificant(double[]? ci95) => ci95 is [var low, var high] && (low > 0 || high < 0);
}
