using MathNet.Numerics.Distributions;

namespace Feedback.Api.Domain.Reports;

/// <summary>Mean, sample sd, Student-t ci95 and rwg agreement (PRODUCT.md, "How the numbers are computed" 2).</summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> values) =>
        values.Count == 0 ? throw new ArgumentException("No values.", nameof(values)) : values.Sum() / values.Count;

    /// <summary>Sample standard deviation (n − 1); null when n &lt; 2.</summary>
    public static double? SampleSd(IReadOnlyList<double> values) => values.Count < 2 ? null : SampleSd(values, Mean(values));

    /// <summary>Sample standard deviation around a mean already known (the exact one); null when n &lt; 2.</summary>
    internal static double? SampleSd(IReadOnlyList<double> values, double mean)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var squares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>[mean − t·sd/√n, mean + t·sd/√n] with t the 0.975 quantile of Student t with n − 1 degrees of freedom.</summary>
    public static double[]? Ci95(double mean, double? sd, int n)
    {
        if (sd is not double s || n < 2)
        {
            return null;
        }

        var half = TQuantile975(n - 1) * s / Math.Sqrt(n);
        return [mean - half, mean + half];
    }

    /// <summary>
    /// rwg = max(0, 1 − sd²/((A² − 1)/12)): observed variance against the variance of uniform random answers on A points.
    /// Null when sd is undefined, or on a one-point scale where that variance is 0.
    /// </summary>
    public static double? Agreement(double? sd, int scalePoints)
    {
        if (sd is not double s || scalePoints < 2)
        {
            return null;
        }

        var uniformVariance = ((double)scalePoints * scalePoints - 1) / 12;
        return Math.Max(0, 1 - s * s / uniformVariance);
    }

    /// <summary>The dimension statistics of the given rater scores; null when there are none (n = 0).</summary>
    public static DimensionStatistics? Describe(IReadOnlyList<double> scores, int scalePoints)
    {
        if (scores.Count == 0)
        {
            return null;
        }

        return Describe(scores, Mean(scores), scalePoints);
    }

    /// <summary>
    /// The dimension statistics of raters' exact scores: the mean is exact until one rounding, so equal means are equal
    /// doubles (<see cref="ScoreFraction"/>); null when there are none.
    /// </summary>
    public static DimensionStatistics? DescribeRaterScores(IReadOnlyList<ScoreFraction> scores, int scalePoints) =>
        scores.Count == 0 ? null : Describe(scores.Select(s => s.Value).ToList(), ScoreFraction.Mean(scores), scalePoints);

    private static DimensionStatistics Describe(IReadOnlyList<double> scores, double mean, int scalePoints)
    {
        var sd = SampleSd(scores, mean);
        return new DimensionStatistics(mean, scores.Count, sd, Ci95(mean, sd, scores.Count), Agreement(sd, scalePoints));
    }

    // InvCDF costs ~0.15 ms; a close computes thousands of intervals over few distinct degrees of freedom.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> TQuantiles = new();

    /// <summary>t(0.975, df): the two-sided 95% Student-t quantile.</summary>
    public static double TQuantile975(int degreesOfFreedom) =>
        TQuantiles.GetOrAdd(degreesOfFreedom, df => StudentT.InvCDF(0, 1, df, 0.975));
}
