using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

public sealed class GapCalculatorTests
{
    [Fact]
    public void RaterGap_NeedsBothDimensions()
    {
        Near.Equal(1.25, GapCalculator.RaterGap(4.25, 3.0));
        Assert.Null(GapCalculator.RaterGap(4.0, null));
        Assert.Null(GapCalculator.RaterGap(null, 3.0));
    }

    [Fact]
    public void Describe_IsNull_WithNoRaters() => Assert.Null(GapCalculator.Describe([]));

    [Fact]
    public void Describe_OneRater_IsNotSignificant()
    {
        var g = GapCalculator.Describe([1.0])!;
        Near.Equal(1.0, g.Score);
        Assert.Equal(1, g.N);
        Assert.Null(g.Sd);
        Assert.Null(g.Ci95);
        Assert.False(g.Significant);
    }

    [Fact]
    public void Describe_IsSignificant_WhenCi95ExcludesZero()
    {
        // [1, 0, 1, 1, 1, 0]: mean 2/3; squares 4·(1/9) + 2·(4/9) = 4/3; sd = sqrt((4/3)/5); ci = 2/3 ± 2.5706·sd/√6 ≈ [0.125, 1.209].
        var g = GapCalculator.Describe([1.0, 0, 1, 1, 1, 0])!;
        var sd = Math.Sqrt(4.0 / 3 / 5);
        Near.Equal(2.0 / 3, g.Score);
        Near.Equal(sd, g.Sd);
        Near.Ci(2.0 / 3 - Near.T5 * sd / Math.Sqrt(6), 2.0 / 3 + Near.T5 * sd / Math.Sqrt(6), g.Ci95);
        Assert.True(g.Significant);
    }

    [Fact]
    public void Describe_IsNotSignificant_WhenCi95ContainsZero()
    {
        // [0, 1, 1]: mean 2/3, sd = sqrt(1/3), ci = 2/3 ± 4.3027·0.57735/√3 ≈ [−0.768, 2.101].
        var g = GapCalculator.Describe([0.0, 1, 1])!;
        Near.Ci(2.0 / 3 - Near.T2 / 3, 2.0 / 3 + Near.T2 / 3, g.Ci95);
        Assert.False(g.Significant);
    }

    [Fact]
    public void Describe_NegativeGap_IsSignificantToo() => Assert.True(GapCalculator.Describe([-1.0, -1, -1])!.Significant);

    [Theory]
    [InlineData(0.1, 2.0, true)]
    [InlineData(-2.0, -0.1, true)]
    [InlineData(-0.1, 0.1, false)]
    [InlineData(0.0, 1.0, false)] // touching 0 does not exclude it
    [InlineData(-1.0, 0.0, false)]
    public void IsSignificant_MeansTheIntervalExcludesZero(double low, double high, bool expected) =>
        Assert.Equal(expected, GapCalculator.IsSignificant([low, high]));

    [Fact]
    public void IsSignificant_IsFalse_WithoutAnInterval() => Assert.False(GapCalculator.IsSignificant(null));
}
