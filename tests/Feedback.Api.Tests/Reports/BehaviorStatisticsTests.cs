using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

public sealed class BehaviorStatisticsTests
{
    [Fact]
    public void Compute_ListsEveryCycleBehavior_InCycleOrder()
    {
        var figures = BehaviorStatistics.Compute(Cycle(), []);
        Assert.Equal([.. LeadershipKeys, .. ManagementKeys], figures.Select(b => b.Key));
        Assert.Equal(Dimension.Management, figures[^1].Dimension);
    }

    [Fact]
    public void Compute_CountsEveryOthersScore_EvenFromAnInvalidSheet_AndNeverSelf()
    {
        RaterInput[] raters =
        [
            new(Relationship.Self, null, M(1, 1, 1)),
            new(Relationship.Peer, null, M(3, 4, 5)),
            new(Relationship.Manager, null, M(null, null, 4)), // 1 of 3: no valid score, its 4 still counts
            new(Relationship.Other, null, M(2, 4, null)),
        ];

        var directing = BehaviorStatistics.Compute(Cycle(), raters).Single(b => b.Key == "directing-workflows");

        // [5, 4]: mean 4.5, n 2, sd = sqrt(0.25 + 0.25) = √0.5.
        Near.Equal(4.5, directing.Score);
        Assert.Equal(2, directing.N);
        Near.Equal(Math.Sqrt(0.5), directing.Sd);
        Assert.Equal(1, directing.Self);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 0, ["4"] = 1, ["5"] = 1 }, directing.Distribution);
    }

    [Fact]
    public void Compute_SingleScore_HasNoSd()
    {
        var b = BehaviorStatistics.Compute(Cycle(), [new(Relationship.Peer, null, M(3, null, 3))])[5];
        Assert.Equal("organizing-projects", b.Key);
        Near.Equal(3, b.Score);
        Assert.Equal(1, b.N);
        Assert.Null(b.Sd);
        Assert.Null(b.Self);
    }

    [Fact]
    public void Compute_NoScores_HasNZeroAndAllZeroDistribution()
    {
        var b = BehaviorStatistics.Compute(Cycle(), [new(Relationship.Peer, L(null, null, null, null, null), null)])[0];
        Assert.Null(b.Score);
        Assert.Equal(0, b.N);
        Assert.All(b.Distribution!.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Distribution_KeysEveryScalePoint_AsStrings()
    {
        var distribution = BehaviorStatistics.Distribution(Cycle(scaleMin: 0, scaleMax: 6), [0, 6, 6]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], distribution.Keys);
        Assert.Equal([1, 0, 0, 0, 0, 0, 2], distribution.Values);
    }
}
