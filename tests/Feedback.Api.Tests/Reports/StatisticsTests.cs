using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

public sealed class StatisticsTests
{
    [Fact]
    public void Describe_IsNull_WithNoScores() => Assert.Null(Statistics.Describe([], 5));

    [Fact]
    public void Describe_OneScore_HasScoreAndNOnly()
    {
        var s = Statistics.Describe([4.0], 5)!;
        Near.Equal(4.0, s.Score);
        Assert.Equal(1, s.N);
        Assert.Null(s.Sd);
        Assert.Null(s.Ci95);
        Assert.Null(s.Agreement);
    }

    [Fact]
    public void Describe_TwoScores_UsesTheSampleSdAndOneDegreeOfFreedom()
    {
        // [3, 5]: mean 4; sd = sqrt((1 + 1) / 1) = √2; ci = 4 ± 12.706·√2/√2 = 4 ± 12.706;
        // rwg on 1..5: (25 − 1)/12 = 2, 1 − 2/2 = 0.
        var s = Statistics.Describe([3.0, 5.0], 5)!;
        Near.Equal(4.0, s.Score);
        Assert.Equal(2, s.N);
        Near.Equal(Math.Sqrt(2), s.Sd);
        Near.Ci(4 - Near.T1, 4 + Near.T1, s.Ci95);
        Near.Equal(0.0, s.Agreement);
    }

    [Fact]
    public void Describe_FourScores()
    {
        // [3, 4, 4, 5]: mean 4; squares 1 + 0 + 0 + 1 = 2; sd = sqrt(2/3); ci = 4 ± 3.1824·sqrt(2/3)/2; rwg = 1 − (2/3)/2 = 2/3.
        var s = Statistics.Describe([3.0, 4.0, 4.0, 5.0], 5)!;
        var sd = Math.Sqrt(2.0 / 3);
        Near.Equal(4.0, s.Score);
        Near.Equal(sd, s.Sd);
        Near.Ci(4 - Near.T3 * sd / 2, 4 + Near.T3 * sd / 2, s.Ci95);
        Near.Equal(2.0 / 3, s.Agreement);
    }

    [Fact]
    public void Agreement_IsClampedAtZero()
    {
        // [1, 5]: sd² = 8, 1 − 8/2 = −3 → 0.
        Near.Equal(0.0, Statistics.Describe([1.0, 5.0], 5)!.Agreement);
    }

    [Fact]
    public void Agreement_IsOne_WhenEveryoneAgrees()
    {
        var s = Statistics.Describe([4.0, 4.0, 4.0], 5)!;
        Near.Equal(1.0, s.Agreement);
        Near.Ci(4, 4, s.Ci95);
    }

    [Fact]
    public void Agreement_UsesTheScaleWidth()
    {
        // 1..7: A = 7, (49 − 1)/12 = 4; sd² = 2 → 1 − 2/4 = 0.5.
        Near.Equal(0.5, Statistics.Agreement(Math.Sqrt(2), 7));
        Assert.Null(Statistics.Agreement(null, 7));
        Assert.Null(Statistics.Agreement(0, 1));
    }
}
