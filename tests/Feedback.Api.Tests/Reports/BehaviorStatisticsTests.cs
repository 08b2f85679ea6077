using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

public sealed class BehaviorStatisticsTests
{
    private static readonly IReadOnlyList<RaterInput> Nobody = [];

    [Fact]
    public void Compute_ListsEveryCycleBehavior_InCycleOrder()
    {
        var figures = BehaviorStatistics.Compute(Cycle(), null, _ => Nobody);
        Assert.Equal([.. LeadershipKeys, .. ManagementKeys], figures.Select(b => b.Key));
        Assert.Equal(Dimension.Management, figures[^1].Dimension);
    }

    [Fact]
    public void Compute_UsesOnlyTheAdmittedRatersOfEachDimension_AndTheSelfRatersRawScore()
    {
        var self = new RaterInput(Relationship.Self, null, M(1, 1, 1));
        RaterInput[] admitted =
        [
            new(Relationship.Peer, null, M(3, 4, 5)),
            new(Relationship.Other, null, M(2, 4, 4)),
        ];

        var directing = BehaviorStatistics.Compute(Cycle(), self, d => d == Dimension.Management ? admitted : Nobody)
            .Single(b => b.Key == "directing-workflows");

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
        RaterInput[] admitted = [new(Relationship.Peer, null, M(3, null, 3))];
        var b = BehaviorStatistics.Compute(Cycle(), null, d => d == Dimension.Management ? admitted : Nobody)[5];
        Assert.Equal("organizing-projects", b.Key);
        Near.Equal(3, b.Score);
        Assert.Equal(1, b.N);
        Assert.Null(b.Sd);
        Assert.Null(b.Self);
    }

    [Fact]
    public void Compute_ABehaviorNobodyAdmittedScored_IsNullThroughout_ButKeepsSelf()
    {
        var self = new RaterInput(Relationship.Self, L(2, 2, 2, 2, 2), null);
        RaterInput[] admitted = [new(Relationship.Peer, L(4, null, 4, 4, 4), null)];
        var empathy = BehaviorStatistics.Compute(Cycle(), self, _ => admitted)[1];
        Assert.Equal((null, null, null, null, 2), (empathy.Score, empathy.N, empathy.Sd, empathy.Distribution, empathy.Self));
    }

    [Fact]
    public void Distribution_KeysEveryScalePoint_AsStrings()
    {
        var distribution = BehaviorStatistics.Distribution(Cycle(scaleMin: 0, scaleMax: 6), [0, 6, 6]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], distribution.Keys);
        Assert.Equal([1, 0, 0, 0, 0, 0, 2], distribution.Values);
    }
}
