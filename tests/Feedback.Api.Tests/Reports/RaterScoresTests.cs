using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

public sealed class RaterScoresTests
{
    [Fact]
    public void Score_IsTheMeanOfAllScores_WhenEveryBehaviorIsScored() =>
        Near.Equal(4.0, RaterScores.Score(L(4, 4, 5, 3, 4), LeadershipKeys)); // 20 / 5

    [Fact]
    public void Score_IgnoresNulls_WhenExactlyCeilHalfAreScored() =>
        Near.Equal(4.0, RaterScores.Score(L(5, null, 4, null, 3), LeadershipKeys)); // m = 5, ceil(5/2) = 3 scored: 12 / 3

    [Fact]
    public void Score_IsNull_WhenFewerThanCeilHalfAreScored() =>
        Assert.Null(RaterScores.Score(L(5, null, 4, null, null), LeadershipKeys)); // 2 < 3

    [Fact]
    public void Score_OnThreeBehaviors_NeedsTwo()
    {
        Near.Equal(2.5, RaterScores.Score(M(2, null, 3), ManagementKeys));
        Assert.Null(RaterScores.Score(M(2, null, null), ManagementKeys));
    }

    [Fact]
    public void Score_IsNull_ForAnAllNullSheet() => Assert.Null(RaterScores.Score(L(null, null, null, null, null), LeadershipKeys));

    [Fact]
    public void Score_IsNull_ForAMissingSheet() => Assert.Null(RaterScores.Score(null, LeadershipKeys));

    [Fact]
    public void Score_IgnoresKeysOutsideTheDimension()
    {
        var sheet = M(2, null, null);
        sheet["empathy"] = 5;
        Assert.Null(RaterScores.Score(sheet, ManagementKeys));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(8, 4)]
    public void MinimumScored_IsCeilOfHalf(int behaviors, int expected) => Assert.Equal(expected, RaterScores.MinimumScored(behaviors));

    [Fact]
    public void Score_OnAnEvenCount_AcceptsExactlyHalf()
    {
        string[] keys = ["a", "b", "c", "d"];
        var sheet = new Dictionary<string, int?> { ["a"] = 1, ["b"] = null, ["c"] = 2, ["d"] = null };
        Near.Equal(1.5, RaterScores.Score(sheet, keys));
    }

    [Fact]
    public void Score_IsNull_WhenTheDimensionHasNoBehaviors() =>
        Assert.Null(RaterScores.Score(new Dictionary<string, int?>(), []));
}
