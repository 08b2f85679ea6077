using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Feedback.Api.Domain.Insight;

/// <summary>How the coefficient was computed: Pearson's r, which for a 0/1 outcome is the point-biserial correlation.</summary>
public enum CorrelationMethod
{
    Pearson,
    PointBiserial,
}

/// <summary>
/// How strongly an outcome goes with a score, over n pairs. Every figure is null below <see cref="Correlations.MinimumN"/>
/// pairs, and when either side does not vary (r undefined).
/// </summary>
/// <param name="N">Pairs (reportable subjects with both the score shown and the outcome recorded).</param>
/// <param name="Method">pointBiserial when every outcome value is 0 or 1 (Pearson's r on 0/1 is the point-biserial r).</param>
/// <param name="Pearson">Pearson's r.</param>
/// <param name="PearsonCi95">95 % interval of r by Fisher's z: tanh(atanh r ± 1.96/√(n − 3)).</param>
/// <param name="Spearman">Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank.</param>
/// <param name="PValue">Two-sided p of r = 0: t = r·√((n − 2)/(1 − r²)) against Student's t with n − 2 degrees of freedom.</param>
public sealed record CorrelationFigures(int N, CorrelationMethod Method, double? Pearson, double[]? PearsonCi95, double? Spearman, double? PValue);

/// <summary>Correlation of two paired samples (the outcome report). MathNet computes r and ρ; the rest is textbook.</summary>
public static class Correlations
{
    /// <summary>Below this many pairs a correlation says too little to show (its 95 % interval spans most of −1..1).</summary>
    public const int MinimumN = 10;

    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static CorrelationFigures Of(IReadOnlyList<double> scores, IReadOnlyList<double> outcomes)
    {
        if (scores.Count != outcomes.Count)
        {
            throw new ArgumentException("The samples must be paired.", nameof(outcomes));
        }

        var n = scores.Count;
        var method = n > 0 && outcomes.All(v => v is 0 or 1) ? CorrelationMethod.PointBiserial : CorrelationMethod.Pearson;
        if (n < MinimumN || !Varies(scores) || !Varies(outcomes))
        {
            return new CorrelationFigures(n, method, null, null, null, null);
        }

        var r = Correlation.Pearson(scores, outcomes);
        var rho = Correlation.Spearman(scores, outcomes);
        if (!double.IsFinite(r) || !double.IsFinite(rho))
        {
            return new CorrelationFigures(n, method, null, null, null, null); // only from values beyond double's range
        }

        r = Math.Clamp(r, -1, 1);
        rho = Math.Clamp(rho, -1, 1);
        return new CorrelationFigures(n, method, r, FisherCi95(r, n), rho, PValue(r, n));
    }

    /// <summary>tanh(atanh(r) ± z(0.975)/√(n − 3)); [±1, ±1] when |r| = 1.</summary>
    public static double[] FisherCi95(double r, int n)
    {
        var z = Math.Atanh(r);
        var half = Z975 / Math.Sqrt(n - 3);
        return [Math.Tanh(z - half), Math.Tanh(z + half)];
    }

    /// <summary>Two-sided p of the t test of r with n − 2 degrees of freedom; 0 when |r| = 1.</summary>
    public static double PValue(double r, int n)
    {
        if (Math.Abs(r) >= 1)
        {
            return 0;
        }

        var t = Math.Abs(r) * Math.Sqrt((n - 2) / (1 - (r * r)));
        return 2 * StudentT.CDF(0, 1, n - 2, -t);
    }

    private static bool Varies(IReadOnlyList<double> values) => values.Any(v => v != values[0]);
}
