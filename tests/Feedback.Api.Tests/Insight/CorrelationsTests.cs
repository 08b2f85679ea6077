using Feedback.Api.Domain.Insight;

namespace Feedback.Api.Tests.Insight;

/// <summary>Every expected value is worked out by hand below (or by a second formula), never by the code under test.</summary>
public sealed class CorrelationsTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void PearsonSpearmanFisherAndP_MatchTheHandArithmetic()
    {
        // x = 1..10, y = x with neighbours swapped: 2, 1, 4, 3, 6, 5, 8, 7, 10, 9.
        //   Both means 5.5. Sxx = Syy = Σ(i − 5.5)² = 82.5. y − x alternates +1, −1, so
        //   Sxy = Sxx + Σ(x − 5.5)(y − x) = 82.5 + (−4.5 + 3.5 − 2.5 + 1.5 − 0.5 − 0.5 + 1.5 − 2.5 + 3.5 − 4.5) = 82.5 − 5 = 77.5,
        //   r = 77.5 / 82.5 = 31/33.
        // Spearman (no ties, so the ranks are the values): ρ = r = 31/33; and by the textbook formula
        //   1 − 6Σd²/(n(n² − 1)) = 1 − 6·10/(10·99) = 1 − 2/33 = 31/33 (d = ±1 for every pair).
        // Fisher: z = atanh(31/33) = ½ ln((64/33)/(2/33)) = ½ ln 32 = 2.5 ln 2; half-width 1.959964/√7 = 0.740797;
        //   ci = [tanh(2.5 ln 2 − 0.740797), tanh(2.5 ln 2 + 0.740797)].
        // t = r√((n − 2)/(1 − r²)) = (31/33)·√(8·1089/128) = (31/33)·8.25 = 7.75. For an even df the t distribution has a
        //   closed form (Student 1908): with sin θ = t/√(ν + t²) = 7.75/8.25 = 31/33 and cos² θ = ν/(ν + t²) = 128/1089,
        //   P(|T| < t) = sin θ·(1 + c/2 + 3c²/8 + 15c³/48) for ν = 8, c = cos² θ; p = 1 − that.
        double[] y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9];
        var f = Correlations.Of(OneToTen, y);

        const double r = 31.0 / 33;
        Assert.Equal(10, f.N);
        Assert.Equal(CorrelationMethod.Pearson, f.Method);
        Assert.Equal(r, f.Pearson!.Value, 12);
        Assert.Equal(1 - (6.0 * 10 / (10 * 99)), f.Spearman!.Value, 12);
        var z = 2.5 * Math.Log(2);
        var half = 1.959964 / Math.Sqrt(7);
        Assert.Equal(Math.Tanh(z - half), f.PearsonCi95![0], 6);
        Assert.Equal(Math.Tanh(z + half), f.PearsonCi95[1], 6);
        const double c = 128.0 / 1089;
        var p = 1 - (r * (1 + (c / 2) + (3 * c * c / 8) + (15 * c * c * c / 48)));
        Assert.Equal(p, f.PValue!.Value, 10);
        Assert.InRange(f.PValue.Value, 5.4e-5, 5.6e-5);
    }

    [Fact]
    public void Spearman_GivesTiedValuesTheirAverageRank()
    {
        // y = 1, 1, 2, 2, 3, 3, 4, 4, 5, 5: average ranks 1.5, 1.5, 3.5, 3.5, …, 9.5, 9.5 (ordinal ranks would give ρ = 1).
        //   rank(y) − 5.5 = −4, −4, −2, −2, 0, 0, 2, 2, 4, 4: Σ² = 80; rank(x) − 5.5 = −4.5..4.5: Σ² = 82.5;
        //   Σ products = 18 + 14 + 5 + 3 + 0 + 0 + 3 + 5 + 14 + 18 = 80. ρ = 80/√(82.5·80) = √(32/33).
        // Pearson on the raw values: y − 3 = −2, −2, −1, −1, 0, 0, 1, 1, 2, 2: Sxy = 9 + 7 + 2.5 + 1.5 + 0 + 0 + 1.5 + 2.5 + 7 + 9 = 40,
        //   Syy = 20: r = 40/√(82.5·20) = √(32/33) too (y's average ranks are 2y − 0.5, a linear map).
        double[] y = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
        var f = Correlations.Of(OneToTen, y);
        Assert.Equal(Math.Sqrt(32.0 / 33), f.Spearman!.Value, 12);
        Assert.Equal(Math.Sqrt(32.0 / 33), f.Pearson!.Value, 12);
    }

    [Fact]
    public void ZeroOneOutcome_IsThePointBiserialCorrelation()
    {
        // Checked against the point-biserial formula, a different computation: r_pb = (M1 − M0)/s · √(p·q), s the
        // population sd of all scores, p the share of ones, q = 1 − p.
        double[] scores = [3.0, 3.5, 4.0, 4.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 1.5, 2.0];
        double[] stayed = [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1];
        var f = Correlations.Of(scores, stayed);

        var ones = scores.Where((_, i) => stayed[i] == 1).ToArray();
        var zeros = scores.Where((_, i) => stayed[i] == 0).ToArray();
        var mean = scores.Average();
        var s = Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / scores.Length);
        var share = (double)ones.Length / scores.Length;
        var pointBiserial = (ones.Average() - zeros.Average()) / s * Math.Sqrt(share * (1 - share));

        Assert.Equal(CorrelationMethod.PointBiserial, f.Method);
        Assert.Equal(pointBiserial, f.Pearson!.Value, 12);
    }

    [Fact]
    public void BelowTenPairs_OnlyNIsShown()
    {
        var f = Correlations.Of(OneToTen[..9], [2, 1, 4, 3, 6, 5, 8, 7, 10]);
        Assert.Equal(9, f.N);
        Assert.Null(f.Pearson);
        Assert.Null(f.PearsonCi95);
        Assert.Null(f.Spearman);
        Assert.Null(f.PValue);
    }

    [Fact]
    public void AnOutcomeThatDoesNotVary_HasNoCorrelation()
    {
        var f = Correlations.Of(OneToTen, Enumerable.Repeat(1.0, 10).ToArray());
        Assert.Equal(10, f.N);
        Assert.Null(f.Pearson);
        Assert.Null(f.PValue);
    }

    [Fact]
    public void APerfectLine_HasRIsOne_AndPZero()
    {
        var f = Correlations.Of(OneToTen, OneToTen.Select(x => (2 * x) + 1).ToArray());
        Assert.Equal(1, f.Pearson!.Value, 12);
        Assert.Equal(1, f.Spearman!.Value, 12);
        Assert.Equal(0, f.PValue);
        Assert.Equal(1, f.PearsonCi95![0], 12);
        Assert.Equal(1, f.PearsonCi95[1], 12);
    }

    [Fact]
    public void NoCorrelation_HasPOne()
    {
        // x = 1..10 against y = 1, 0, 0, 1, 1, 0, 0, 1, 1, 0… built so Sxy = 0: y − ȳ pairs cancel symmetric around 5.5.
        // y = [1, 0, 1, 0, 0, 0, 0, 1, 0, 1]: Σ(x − 5.5)·y over the ones = −4.5 − 2.5 + 2.5 + 4.5 = 0, and Σ(x − 5.5) = 0, so r = 0,
        // t = 0 and p = 1; Fisher ci = ±tanh(1.959964/√7) = ±0.62973.
        double[] y = [1, 0, 1, 0, 0, 0, 0, 1, 0, 1];
        var f = Correlations.Of(OneToTen, y);
        Assert.Equal(0, f.Pearson!.Value, 12);
        Assert.Equal(1, f.PValue!.Value, 12);
        Assert.Equal(-Math.Tanh(1.959964 / Math.Sqrt(7)), f.PearsonCi95![0], 6);
        Assert.Equal(Math.Tanh(1.959964 / Math.Sqrt(7)), f.PearsonCi95[1], 6);
    }
}
