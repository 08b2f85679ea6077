using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

public sealed class PersonReportCalculatorTests
{
    /// <summary>
    /// k = 3, scale 1..5. Dimension scores (L, M, gap):
    /// self 4.2 / 3 / 1.2; manager 4 / 3 / 1;
    /// peers 4/4/0, 3/2/1, 5/4/1, 4/–/– (no management sheet);
    /// directReports 4/3/1, 3/3/0, 4/–/– (management 1 of 3 scored: below ceil(3/2) = 2).
    /// </summary>
    private static readonly RaterInput[] Team =
    [
        new(Relationship.Self, L(5, 4, 4, 4, 4), AllM(3), "I am great", "I plan"),
        Rater(Relationship.Manager, 4, 3),
        new(Relationship.Peer, AllL(4), AllM(4), "Listens well"),
        new(Relationship.Peer, AllL(3), AllM(2), "   "),
        Rater(Relationship.Peer, 5, 4),
        Rater(Relationship.Peer, 4, null),
        new(Relationship.DirectReport, AllL(4), AllM(3), null, "Plans ahead"),
        Rater(Relationship.DirectReport, 3, 3),
        new(Relationship.DirectReport, AllL(4), M(null, null, 5)),
    ];

    private static PersonReportFigures TeamReport() => PersonReportCalculator.Compute(Cycle(), Team, Key);

    [Fact]
    public void CountsResponders_PerGroup()
    {
        Assert.Equal(new ResponderCounts(1, 1, 4, 3, 0, 8), TeamReport().Responders);
        Assert.False(TeamReport().Suppressed);
        Assert.True(TeamReport().Reportable);
    }

    [Fact]
    public void Others_Leadership_IsOverEveryValidOthersScore()
    {
        // [4, 4, 3, 5, 4, 4, 3, 4]: mean 31/8 = 3.875; squares 5·0.015625 + 2·0.765625 + 1.265625 = 2.875;
        // sd = sqrt(2.875/7); ci = 3.875 ± 2.3646·sd/√8; rwg = 1 − (2.875/7)/2.
        var l = TeamReport().Others!.Leadership!;
        var sd = Math.Sqrt(2.875 / 7);
        Near.Equal(3.875, l.Score);
        Assert.Equal(8, l.N);
        Near.Equal(sd, l.Sd);
        Near.Ci(3.875 - Near.T7 * sd / Math.Sqrt(8), 3.875 + Near.T7 * sd / Math.Sqrt(8), l.Ci95);
        Near.Equal(1 - 2.875 / 7 / 2, l.Agreement);
    }

    [Fact]
    public void Others_Management_SkipsMissingAndInvalidSheets()
    {
        // [3, 4, 2, 4, 3, 3]: mean 19/6; squares (1/36)(1 + 25 + 49 + 25 + 1 + 1) = 102/36; sd = sqrt(102/36/5).
        var m = TeamReport().Others!.Management!;
        Near.Equal(19.0 / 6, m.Score);
        Assert.Equal(6, m.N);
        Near.Equal(Math.Sqrt(102.0 / 36 / 5), m.Sd);
    }

    [Fact]
    public void Others_Gap_OnlyCountsRatersWithBothDimensions_SoItsNIsSmaller()
    {
        // [1, 0, 1, 1, 1, 0] → 2/3, n 6 (< leadership's 8), ci ≈ [0.125, 1.209] → significant.
        var g = TeamReport().Others!.Gap!;
        var sd = Math.Sqrt(4.0 / 3 / 5);
        Near.Equal(2.0 / 3, g.Score);
        Assert.Equal(6, g.N);
        Near.Ci(2.0 / 3 - Near.T5 * sd / Math.Sqrt(6), 2.0 / 3 + Near.T5 * sd / Math.Sqrt(6), g.Ci95);
        Assert.True(g.Significant);
    }

    [Fact]
    public void Self_And_SelfVsOthers()
    {
        var report = TeamReport();
        Near.Equal(4.2, report.Self.Leadership); // (5 + 4·4) / 5
        Near.Equal(3.0, report.Self.Management);
        Near.Equal(1.2, report.Self.Gap);
        Near.Equal(4.2 - 3.875, report.SelfVsOthers!.Leadership);
        Near.Equal(3.0 - 19.0 / 6, report.SelfVsOthers.Management);
        Near.Equal(1.2 - 2.0 / 3, report.SelfVsOthers.Gap);
    }

    [Fact]
    public void Groups_ApplyComplementarySuppressionPerStatistic()
    {
        // Leadership n: manager 1, peer 4, directReport 3, other 0. Manager hidden → H = 1 < 3 → hide directReport (3 < 4) → H = 4.
        // Management n: 1, 3, 2, 0 → peer shown, H = 3. Gap n: 1, 3, 2, 0 → peer shown, H = 3.
        var groups = TeamReport().Groups;
        Assert.Equal([Relationship.Manager, Relationship.Peer, Relationship.DirectReport, Relationship.Other], groups.Select(g => g.Relationship));
        Assert.Equal([1, 4, 3, 0], groups.Select(g => g.Responders));
        Assert.Equal([true, false, true, true], groups.Select(g => g.Suppressed));
        Assert.All(groups.Where(g => g.Suppressed), g => Assert.True(g.Leadership is null && g.Management is null && g.Gap is null));

        var peer = groups[1];
        Near.Equal(4.0, peer.Leadership!.Score); // [4, 3, 5, 4]
        Assert.Equal(4, peer.Leadership.N);
        Near.Equal(Math.Sqrt(2.0 / 3), peer.Leadership.Sd);
        Near.Equal(10.0 / 3, peer.Management!.Score); // [4, 2, 4]
        Assert.Equal(3, peer.Management.N);
        Near.Equal(2.0 / 3, peer.Gap!.Score); // [0, 1, 1]
        Assert.Equal(3, peer.Gap.N);
        Assert.False(peer.Gap.Significant);
    }

    [Fact]
    public void Behaviors_CountOthersScores_ShowSelf_AndAreInCycleOrder()
    {
        var behaviors = TeamReport().Behaviors;
        Assert.Equal([.. LeadershipKeys, .. ManagementKeys], behaviors.Select(b => b.Key));

        var listening = behaviors[0]; // others 4, 4, 3, 5, 4, 4, 3, 4
        Near.Equal(3.875, listening.Score);
        Assert.Equal(8, listening.N);
        Assert.Equal([0, 0, 2, 5, 1], listening.Distribution!.Values);
        Assert.Equal(5, listening.Self);

        var directing = behaviors[^1]; // 3, 4, 2, 4, 3, 3 and the invalid sheet's 5: n 7
        Near.Equal(24.0 / 7, directing.Score);
        Assert.Equal(7, directing.N);
        Assert.Equal(3, directing.Self);
    }

    [Fact]
    public void Comments_AreOthersNonBlankOnes_NeverSelf()
    {
        var comments = TeamReport().Comments!;
        Assert.Equal(["Listens well"], comments.Leadership);
        Assert.Equal(["Plans ahead"], comments.Management);
    }

    [Fact]
    public void Behavior_WithFewerThanKScores_IsHidden_ButKeepsSelf()
    {
        RaterInput[] raters =
        [
            new(Relationship.Self, L(2, 2, 2, 2, 2), null),
            new(Relationship.Peer, L(4, 4, 4, 4, null), null),
            new(Relationship.Peer, L(4, 4, 4, null, null), null),
            new(Relationship.Peer, L(4, null, 4, 4, null), null),
        ];

        var behaviors = PersonReportCalculator.Compute(Cycle(), raters, Key).Behaviors;

        Assert.Equal(3, behaviors[0].N); // active-listening: 3 scores
        var empathy = behaviors[1]; // 2 scores < k
        Assert.Equal((null, null, null, null, 2), (empathy.Score, empathy.N, empathy.Sd, empathy.Distribution, empathy.Self));
        Assert.Null(behaviors[4].N); // building-trust: 0 scores
    }

    [Fact]
    public void BelowKOthersResponders_SuppressesTheReport_ButKeepsRespondersAndSelf()
    {
        // Two others' responders (k = 3); the all-null peer and the below-rule director are not responders.
        RaterInput[] raters =
        [
            new(Relationship.Self, AllL(5), AllM(4), "mine", "mine"),
            new(Relationship.Manager, AllL(4), AllM(3), "Listens", "Plans"),
            new(Relationship.Peer, AllL(3), null),
            new(Relationship.Peer, L(null, null, null, null, null), M(null, null, null)),
            new(Relationship.DirectReport, L(3, 3, null, null, null), M(2, null, null)),
        ];

        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.True(report.Suppressed);
        Assert.False(report.Reportable);
        Assert.Equal(new ResponderCounts(1, 1, 1, 0, 0, 2), report.Responders);
        Assert.Null(report.Others);
        Assert.Null(report.SelfVsOthers);
        Assert.Null(report.Comments);
        Assert.Equal([1, 1, 0, 0], report.Groups.Select(g => g.Responders));
        Assert.All(report.Groups, g => Assert.True(g.Suppressed && g.Leadership is null && g.Management is null && g.Gap is null));
        Assert.All(report.Behaviors, b => Assert.True(b.Score is null && b.N is null && b.Sd is null && b.Distribution is null));
        Assert.Equal(5, report.Behaviors[0].Self);
        Assert.Equal(new SelfFigures(5, 4, 1), report.Self);
    }

    [Fact]
    public void NoAssignments_IsASuppressedReportWithEmptySelf()
    {
        var report = PersonReportCalculator.Compute(Cycle(), [], Key);
        Assert.True(report.Suppressed);
        Assert.Equal(new ResponderCounts(0, 0, 0, 0, 0, 0), report.Responders);
        Assert.Equal(new SelfFigures(null, null, null), report.Self);
        Assert.Equal(4, report.Groups.Count);
        Assert.Equal(8, report.Behaviors.Count);
    }

    [Fact]
    public void AllNullSheets_MakeNoResponders()
    {
        var allNull = Enumerable.Range(0, 5).Select(_ => new RaterInput(Relationship.Peer, L(null, null, null, null, null), M(null, null, null)));
        var report = PersonReportCalculator.Compute(Cycle(), [.. allNull], Key);
        Assert.Equal(0, report.Responders.Others);
        Assert.True(report.Suppressed);
    }

    [Fact]
    public void ExactlyKResponders_InOneGroup_ShowsEverything()
    {
        // k = 2: peers [3, 5] both dimensions → n = 2, gap [1, 1] with sd 0 → ci [1, 1] excludes 0.
        RaterInput[] raters = [Rater(Relationship.Peer, 3, 2), Rater(Relationship.Peer, 5, 4)];
        var report = PersonReportCalculator.Compute(Cycle(k: 2), raters, Key);

        Assert.False(report.Suppressed);
        Near.Equal(4.0, report.Others!.Leadership!.Score);
        Assert.Equal(2, report.Others.Leadership.N);
        Near.Ci(4 - Near.T1, 4 + Near.T1, report.Others.Leadership.Ci95); // sd √2, √n √2
        Near.Ci(1, 1, report.Others.Gap!.Ci95);
        Assert.True(report.Others.Gap.Significant);
        Assert.False(report.Groups[1].Suppressed);
        Assert.Equal(new SelfVsOthersFigures(null, null, null), report.SelfVsOthers);
        Assert.Empty(report.Comments!.Leadership);
    }

    [Fact]
    public void OneDimensionOnlyRaters_CanHideTheGapWhileShowingTheDimensions()
    {
        // k = 3: 3 peers rate leadership only, 3 directReports management only, 1 manager both.
        // Leadership n 4 (manager 1, peer 3): peer shown, H = 1 → hide peer; others shown, no group shows leadership.
        // Management n 4 (manager 1, directReport 3): the same. Gap n 1 < 3: hidden everywhere.
        // Still reportable: others' leadership and management are both shown.
        RaterInput[] raters =
        [
            Rater(Relationship.Manager, 4, 3),
            .. Many(Relationship.Peer, 3, 4, null),
            .. Many(Relationship.DirectReport, 3, null, 2),
            new(Relationship.Self, AllL(5), AllM(5)),
        ];

        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.Equal(4, report.Others!.Leadership!.N);
        Assert.Equal(4, report.Others.Management!.N);
        Assert.Null(report.Others.Gap);
        Assert.True(report.Reportable);
        Assert.All(report.Groups, g => Assert.True(g.Suppressed));
        Near.Equal(0.0, report.Self.Gap);
        Assert.Null(report.SelfVsOthers!.Gap); // others' gap hidden
        Near.Equal(5 - 4.0, report.SelfVsOthers.Leadership);
        Near.Equal(5 - 2.25, report.SelfVsOthers.Management); // (3 + 2 + 2 + 2) / 4
    }

    [Fact]
    public void OthersDimensionBelowK_IsHidden_AndTheReportIsNotReportable()
    {
        // 3 responders but only 2 rate management: management hidden for others and in every group.
        RaterInput[] raters = [.. Many(Relationship.Peer, 2, 4, 3), Rater(Relationship.Peer, 4, null)];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.False(report.Suppressed);
        Assert.NotNull(report.Others!.Leadership);
        Assert.Null(report.Others.Management);
        Assert.Null(report.Others.Gap);
        Assert.Null(report.Groups[1].Management);
        Assert.NotNull(report.Groups[1].Leadership);
        Assert.False(report.Reportable);
    }
}
