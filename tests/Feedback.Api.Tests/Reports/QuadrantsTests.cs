using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

public sealed class QuadrantsTests
{
    [Fact]
    public void Median_IsNull_ForNoValues() => Assert.Null(Quadrants.Median([]));

    [Fact]
    public void Median_OfOneValue_IsThatValue() => Near.Equal(3.7, Quadrants.Median([3.7]));

    [Fact]
    public void Median_OfAnOddCount_IsTheMiddleOfTheSortedValues() => Near.Equal(3.5, Quadrants.Median([3.0, 4.0, 3.5]));

    [Fact]
    public void Median_OfAnEvenCount_IsTheMeanOfTheTwoMiddleValues() => Near.Equal(3.5, Quadrants.Median([4.0, 2.0, 3.0, 5.0]));

    [Fact]
    public void Median_WithTies()
    {
        Near.Equal(3.5, Quadrants.Median([4.0, 3.0, 4.0, 3.0])); // (3 + 4) / 2
        Near.Equal(3.0, Quadrants.Median([3.0, 4.0, 3.0, 3.0])); // (3 + 3) / 2
    }

    [Theory]
    [InlineData(3.5, 3.5, Quadrant.LeaderAndManager)] // equal to both medians: high on both
    [InlineData(4.0, 4.0, Quadrant.LeaderAndManager)]
    [InlineData(3.5, 3.49, Quadrant.LeaderOnly)]
    [InlineData(3.49, 3.5, Quadrant.ManagerOnly)]
    [InlineData(3.0, 3.0, Quadrant.Developing)]
    public void Classify_IsHighAtOrAboveTheMedian(double leadership, double management, Quadrant expected) =>
        Assert.Equal(expected, Quadrants.Classify(leadership, management, 3.5, 3.5));

    [Fact]
    public void Classify_TiesAtTheMedian_AllCountAsHigh()
    {
        // Leadership [3, 3, 3, 4] → median 3: every subject is high on leadership.
        double[] leadership = [3.0, 3.0, 3.0, 4.0];
        var median = Quadrants.Median(leadership)!.Value;
        Assert.All(leadership, l => Assert.Equal(Quadrant.LeaderAndManager, Quadrants.Classify(l, 2.0, median, 2.0)));
    }

    [Theory]
    [InlineData(true, Quadrant.LeaderAndManager, false, false)]
    [InlineData(true, Quadrant.LeaderOnly, false, false)]
    [InlineData(true, Quadrant.ManagerOnly, true, false)]
    [InlineData(true, Quadrant.Developing, true, false)]
    [InlineData(false, Quadrant.LeaderAndManager, false, true)]
    [InlineData(false, Quadrant.LeaderOnly, false, true)]
    [InlineData(false, Quadrant.ManagerOnly, false, false)]
    [InlineData(false, Quadrant.Developing, false, false)]
    public void SeedGroups_FollowIsManagerAndLeadership(bool isManager, Quadrant q, bool managerNotLeader, bool leaderNotManager)
    {
        Assert.Equal(managerNotLeader, SeedGroups.IsManagerWhoIsntLeader(isManager, q));
        Assert.Equal(leaderNotManager, SeedGroups.IsLeaderWhoIsntManager(isManager, q));
    }
}
