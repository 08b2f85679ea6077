using MathNet.Numerics.Distributions;

namespace Feedback.Api.Domain.Insight;

/// <summary>
/// The difference of two means (b − a) with Welch's 95 % interval: se = √(sa²/na + sb²/nb), degrees of freedom by
/// Welch–Satterthwaite, df = se⁴ / ((sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)), interval (b − a) ± t(0.975, df)·se.
/// It does not assume the two groups have the same spread.
/// </summary>
/// <param name="Difference">b − a.</param>
/// <param name="Ci95">The interval; null when neither group varies (se = 0: no spread to estimate it from).</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite df (not an integer in general); null with <paramref name="Ci95"/>.</param>
/// <param name="Significant">The interval exists and excludes 0.</param>
public sealed record WelchDifference(double Difference, double[]? Ci95, double? DegreesOfFreedom, bool Significant)
{
    /// <summary>Null unless both groups have n ≥ 2 (a sample sd needs two values).</summary>
    public static WelchDifference? Of(double meanA, double sdA, int nA, double meanB, double sdB, int nB)
    {
        if (nA < 2 || nB < 2)
        {
            return null;
        }

        var va = sdA * sdA / nA;
        var vb = sdB * sdB / nB;
        var difference = meanB - meanA;
        var se = Math.Sqrt(va + vb);
        if (se == 0 || !double.IsFinite(se))
        {
            return new WelchDifference(difference, null, null, false);
        }

        var df = (va + vb) * (va + vb) / ((va * va / (nA - 1)) + (vb * vb / (nB - 1)));
        var half = StudentT.InvCDF(0, 1, df, 0.975) * se;
        double[] ci = [difference - half, difference + half];
        return new WelchDifference(difference, ci, df, ci[0] > 0 || ci[1] < 0);
    }
}
