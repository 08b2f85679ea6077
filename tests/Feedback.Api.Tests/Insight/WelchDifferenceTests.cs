using Feedback.Api.Domain.Insight;

namespace Feedback.Api.Tests.Insight;

public sealed class WelchDifferenceTests
{
    // t(0.975, 8) from tables.
    private const double T8 = 2.306004;

    private static double Sd(double[] v)
    {
        var m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1));
    }

    [Fact]
    public void EqualSpreads_HaveTheIntegerDegreesOfFreedom()
    {
        // a = 1..5: mean 3, s² = 10/4 = 2.5; b = 3..7: mean 5, s² = 2.5. Each s²/n = 0.5, se = √(0.5 + 0.5) = 1,
        // df = (0.5 + 0.5)² / (0.5²/4 + 0.5²/4) = 1/0.125 = 8. Difference b − a = 2, ci = 2 ± 2.306004 → [−0.306, 4.306].
        double[] a = [1, 2, 3, 4, 5], b = [3, 4, 5, 6, 7];
        var w = WelchDifference.Of(3, Sd(a), 5, 5, Sd(b), 5)!;
        Assert.Equal(2, w.Difference, 12);
        Assert.Equal(8, w.DegreesOfFreedom!.Value, 9);
        Assert.Equal(2 - T8, w.Ci95![0], 5);
        Assert.Equal(2 + T8, w.Ci95[1], 5);
        Assert.False(w.Significant);

        // b = 6..10: difference 5, ci = 5 ± 2.306 → [2.694, 7.306], excludes 0.
        var far = WelchDifference.Of(3, Sd(a), 5, 8, Sd([6, 7, 8, 9, 10]), 5)!;
        Assert.Equal(5 - T8, far.Ci95![0], 5);
        Assert.True(far.Significant);
    }

    [Fact]
    public void UnequalSpreads_UseWelchSatterthwaite()
    {
        // a = 1..5 (n 5, s² 2.5, s²/n = 0.5); b = 2, 4, …, 20 (n 10, mean 11, s² = 4·(110/12) = 110/3, s²/n = 11/3).
        // se² = 0.5 + 11/3 = 25/6; df = (25/6)² / (0.5²/4 + (11/3)²/9) = 17.3611 / (0.0625 + 1.49383) = 11.1553.
        // The quantile at df 11.155 lies between t(0.975, 12) = 2.178813 and t(0.975, 11) = 2.200985 (tables).
        double[] b = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
        var w = WelchDifference.Of(3, Sd([1, 2, 3, 4, 5]), 5, 11, Sd(b), 10)!;
        var se = Math.Sqrt(25.0 / 6);
        Assert.Equal(17.361111 / (0.0625 + 1.493827), w.DegreesOfFreedom!.Value, 4);
        var half = (w.Ci95![1] - w.Ci95[0]) / 2;
        Assert.InRange(half / se, 2.178813, 2.200985);
        Assert.Equal(8, (w.Ci95[0] + w.Ci95[1]) / 2, 9);
        Assert.True(w.Significant);
    }

    [Fact]
    public void NeedsTwoInEachGroup() => Assert.Null(WelchDifference.Of(3, 1, 1, 4, 1, 5));

    [Fact]
    public void WithoutSpread_HasNoInterval()
    {
        var w = WelchDifference.Of(3, 0, 4, 4, 0, 4)!;
        Assert.Equal(1, w.Difference, 12);
        Assert.Null(w.Ci95);
        Assert.False(w.Significant);
    }
}
