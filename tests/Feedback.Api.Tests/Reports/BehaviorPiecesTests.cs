using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>The pieces rule on one part; signatures name the behaviors a rater left unscored ("" = scored them all).</summary>
public sealed class BehaviorPiecesTests
{
    [Fact]
    public void ProductExample1_FourCompleteAndOneWhoSkippedOne_RestIsOne_TheWholePartIsOut() =>
        Assert.Equal([false, false, false, false, false], BehaviorPieces.Admit(["", "", "", "", "empathy"], 3));

    [Fact]
    public void ProductExample2_ThreeCompleteAndThreeWhoEachSkippedAnother_OnlyTheCompleteThreeAreIn() =>
        Assert.Equal([true, true, true, false, false, false], BehaviorPieces.Admit(["", "", "", "empathy", "building-trust", "active-listening"], 3));

    [Fact]
    public void ProductExample3_ThreeCompleteAndThreeWhoAllSkippedEmpathy_BothPiecesAreIn() =>
        Assert.All(BehaviorPieces.Admit(["", "empathy", "", "empathy", "", "empathy"], 3), Assert.True);

    [Fact]
    public void NoPieceReachesK_ButTheRestIsK_NobodyIsIn() =>
        Assert.Equal([false, false, false], BehaviorPieces.Admit(["", "", "empathy"], 3));

    [Theory]
    // k = 5: 5 complete + 2 who skipped empathy → rest 2 (1..4) → out.
    [InlineData(new[] { "", "", "", "", "", "e", "e" }, new[] { false, false, false, false, false, false, false })]
    // k = 5: 5 complete + 5 who skipped empathy → both in.
    [InlineData(new[] { "", "", "", "", "", "e", "e", "e", "e", "e" }, new[] { true, true, true, true, true, true, true, true, true, true })]
    // k = 5: 6 complete + 5 who each skipped something else → rest 5 → the 6 are in.
    [InlineData(new[] { "", "", "", "", "", "", "a", "b", "c", "d", "e" }, new[] { true, true, true, true, true, true, false, false, false, false, false })]
    // k = 5: 4 complete, 4 who skipped empathy: no piece reaches 5, rest 8 → nobody.
    [InlineData(new[] { "", "", "", "", "e", "e", "e", "e" }, new[] { false, false, false, false, false, false, false, false })]
    public void WithKFive(string[] signatures, bool[] expected) => Assert.Equal(expected, BehaviorPieces.Admit(signatures, 5));

    [Fact]
    public void Signature_ListsTheUnscoredBehaviorsOfTheDimension_InCycleOrder()
    {
        Assert.Equal("", BehaviorPieces.Signature(L(1, 2, 3, 4, 5), LeadershipKeys));
        Assert.Equal("empathy\u001fbuilding-trust", BehaviorPieces.Signature(L(1, null, 3, 4, null), LeadershipKeys));
        Assert.Equal(
            BehaviorPieces.Signature(L(5, null, 1, 1, 1), LeadershipKeys),
            BehaviorPieces.Signature(L(1, null, 5, 5, 2), LeadershipKeys)); // the same skipped set: the same piece, whatever the scores
    }
}
