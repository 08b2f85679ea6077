using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

/// <summary>Group counts are n(g), the counted raters of each group, in the order manager, peer, directReport, other.</summary>
public sealed class SuppressionTests
{
    [Theory]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(0, 3, true)]
    [InlineData(4, 5, true)]
    [InlineData(5, 5, false)]
    public void Report_IsSuppressed_BelowK(int countedRaters, int k, bool expected) =>
        Assert.Equal(expected, Suppression.IsReportSuppressed(countedRaters, k));

    [Fact]
    public void Groups_AreInReportOrder() =>
        Assert.Equal([Relationship.Manager, Relationship.Peer, Relationship.DirectReport, Relationship.Other], Suppression.Groups);

    [Fact]
    public void GroupsBelowK_AreHidden_EvenWhenTheRemainderIsBelowK()
    {
        // Nothing shown, so nothing can be subtracted: H = 2 < 3 needs no complement (the report itself is suppressed).
        Assert.Equal([false, false, false, false], Suppression.ShownGroups([1, 1, 0, 0], 3));
    }

    [Fact]
    public void EveryGroupAtK_IsShown_AndEmptyGroupsHideNothing()
    {
        var v = Suppression.ShownGroups([3, 4, 5, 0], 3); // H = 0
        Assert.Equal([true, true, true, false], v);
    }

    [Fact]
    public void HiddenRemainderOfAtLeastK_NeedsNoComplement()
    {
        var v = Suppression.ShownGroups([1, 3, 2, 0], 3); // manager and directReport hidden: H = 3 ≥ 3
        Assert.Equal([false, true, false, false], v);
    }

    [Fact]
    public void HiddenRemainderBelowK_HidesTheSmallestShownGroup()
    {
        // Manager (1) hidden: H = 1 → hide the smaller of peer (4) and directReport (3): directReport; H = 4.
        var v = Suppression.ShownGroups([1, 4, 3, 0], 3);
        Assert.Equal([false, true, false, false], v);
    }

    [Fact]
    public void SmallestCount_WinsOverTieOrder()
    {
        // DirectReport (1) hidden: H = 1; shown manager (4) and peer (3): peer is smaller though later in order.
        Assert.Equal([true, false, false, false], Suppression.ShownGroups([4, 3, 1, 0], 3));
    }

    [Theory]
    [InlineData(new[] { 3, 3, 0, 1 }, new[] { false, true, false, false })] // manager before peer
    [InlineData(new[] { 0, 4, 1, 4 }, new[] { false, false, false, true })] // peer before other
    [InlineData(new[] { 1, 0, 3, 3 }, new[] { false, false, false, true })] // directReport before other
    [InlineData(new[] { 5, 5, 5, 2 }, new[] { false, true, true, false })] // three-way tie: manager first
    public void TiesOnTheSmallestCount_GoInTheOrderManagerPeerDirectReportOther(int[] counts, bool[] expected)
    {
        var v = Suppression.ShownGroups(counts, 3);
        Assert.Equal(expected, v);
    }

    [Fact]
    public void OnlyOneShownGroup_IsHidden_AndOthersStayShown()
    {
        // k = 4: manager (1) hidden, H = 1; the only shown group (directReport, 4) goes; H = 5, nothing left to hide.
        // Others (n = 5) remain shown: with no group shown, nothing can be subtracted from them.
        var v = Suppression.ShownGroups([1, 0, 4, 0], 4);
        Assert.Equal([false, false, false, false], v);
    }

    [Fact]
    public void HigherK_AppliesToEveryRule()
    {
        // k = 5: peer (5) and other (6) shown; manager 2 + directReport 2 = 4 hidden < 5 → hide peer (5 < 6); H = 9.
        Assert.Equal([false, false, false, true], Suppression.ShownGroups([2, 5, 2, 6], 5));
    }

    [Fact]
    public void Hidden_SumsTheGroupsNotShown() => Assert.Equal(3, Suppression.Hidden([1, 4, 2, 0], [false, true, false, true]));
}
