using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>
/// Two subjects whose means are equal as numbers must get the same double: the gap report sorts and the quadrants
/// compare these values, and ties must go to externalId (API.md) and to "high" at the median (PRODUCT.md), not to
/// which summation happened to round down. Found by the outside check (OutsideCheckTests).
/// </summary>
public sealed class ExactMeansTests
{
    // Leadership s(r) of 24/5, 20/5, 17/5 and of 19/5, 16/4, 22/5: both means are 61/15, but summing the rounded
    // doubles gave 4.0666666666666673 for the first and 4.0666666666666664 for the second.
    private static readonly RaterInput[] First =
    [
        new(Relationship.Peer, L(5, 5, 5, 5, 4), AllM(3)),
        new(Relationship.Peer, L(4, 4, 4, 4, 4), AllM(3)),
        new(Relationship.Peer, L(4, 4, 3, 3, 3), AllM(3)),
    ];

    private static readonly RaterInput[] Second =
    [
        new(Relationship.Peer, L(4, 4, 4, 4, 3), AllM(3)),
        new(Relationship.Peer, L(4, 4, 4, 4, null), AllM(3)),
        new(Relationship.Peer, L(5, 5, 4, 4, 4), AllM(3)),
    ];

    [Fact]
    public void EqualMeans_AreTheSameDouble_InTheScoreTheGapAndTheGroups()
    {
        var first = PersonReportCalculator.Compute(Cycle(), First, Key);
        var second = PersonReportCalculator.Compute(Cycle(), Second, Key);

        Assert.Equal(61.0 / 15, first.Others!.Leadership!.Score);
        Assert.Equal(first.Others.Leadership.Score, second.Others!.Leadership!.Score);
        Assert.Equal(16.0 / 15, first.Others.Gap!.Score); // 61/15 − 3, rounded once
        Assert.Equal(first.Others.Gap.Score, second.Others.Gap!.Score);
        Assert.Equal(first.Groups[1].Gap!.Score, second.Groups[1].Gap!.Score);
    }

    [Fact]
    public void ASubjectWhoseMeanEqualsTheMedian_IsHigh()
    {
        // Three reportable subjects with leadership 61/15 each: the median is 61/15 and all three are high.
        var scores = new[] { Second, First, First }
            .Select(raters => PersonReportCalculator.Compute(Cycle(), raters, Key).Others!.Leadership!.Score)
            .ToList();
        var median = Quadrants.Median(scores)!.Value;

        Assert.All(scores, s => Assert.Equal(Quadrant.LeaderAndManager, Quadrants.Classify(s, 3, median, 3)));
    }
}
