using MathNet.Numerics.Distributions;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// PRODUCT.md "How the numbers are computed", 3 and 4, over exact values: mean, n, sample sd, ci95 with Student's t,
/// rwg agreement, and "significant" for a gap.
/// </summary>
public sealed record RefStat(Exact Score, int N, Exact? Variance, double? Sd, double[]? Ci95, double? Agreement, bool Significant, bool SignificanceIsBorderline)
{
    /// <summary>t(0.975, df), the two-sided 95% quantile.</summary>
    public static double T975(int degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);

    /// <param name="values">One value per rater (n ≥ 1).</param>
    /// <param name="points">A, the number of scale points (for rwg).</param>
    public static RefStat Of(IReadOnlyList<Exact> values, int points)
    {
        var n = values.Count;
        if (n == 0)
        {
            throw new ArgumentException("A statistic needs at least one value.", nameof(values));
        }

        var mean = Exact.Mean(values);
        if (n < 2)
        {
            return new RefStat(mean, n, null, null, null, null, false, false);
        }

        var variance = Exact.Sum(values.Select(v => (v - mean) * (v - mean)).ToList()) / (n - 1);
        var sd = Math.Sqrt(variance.ToDouble());
        var half = T975(n - 1) * sd / Math.Sqrt(n);
        var score = mean.ToDouble();
        double[] ci = [score - half, score + half];

        // rwg = max(0, 1 - sd² / σ²_EU) with σ²_EU = (A² - 1) / 12, the variance of a uniform answer over A points.
        var uniform = new Exact((points * points) - 1, 12);
        var rwg = 1 - (variance / uniform);
        var agreement = rwg.Sign < 0 ? 0 : rwg.ToDouble();

        // "ci95 exists and excludes 0". With sd = 0 the interval is one point: exact. Otherwise a bound this close
        // to 0 is decided by rounding, and the reference accepts either answer.
        bool significant;
        bool borderline;
        if (variance.Sign == 0)
        {
            significant = mean.Sign != 0;
            borderline = false;
        }
        else
        {
            significant = ci[0] > 0 || ci[1] < 0;
            borderline = Math.Min(Math.Abs(ci[0]), Math.Abs(ci[1])) <= 1e-9 * Math.Max(1, Math.Abs(score));
        }

        return new RefStat(mean, n, variance, sd, ci, agreement, significant, borderline);
    }
}
