using System.Text.Json;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

public sealed class PersonReportCalculatorTests
{
    /// <summary>
    /// k = 3, scale 1..5. Dimension scores (L, M, gap):
    /// self 4.2 / 3 / 1.2; manager 4 / 3 / 1;
    /// peers 4/4/0, 3/2/1, 5/4/1, 4/–/– (no management sheet: not counted);
    /// directReports 4/3/1, 3/3/0, 4/– (management 1 of 3 scored, below ceil(3/2) = 2: not counted).
    /// Counted: manager, three peers, two direct reports = 6.
    /// </summary>
    private static readonly RaterInput[] Team =
    [
        new(Relationship.Self, L(5, 4, 4, 4, 4), AllM(3), "I am great", "I plan"),
        Rater(Relationship.Manager, 4, 3),
        new(Relationship.Peer, AllL(4), AllM(4), "Listens well"),
        new(Relationship.Peer, AllL(3), AllM(2), "   "),
        Rater(Relationship.Peer, 5, 4),
        new(Relationship.Peer, AllL(4), null, "Never saw her manage"),
        new(Relationship.DirectReport, AllL(4), AllM(3), null, "Plans ahead"),
        Rater(Relationship.DirectReport, 3, 3),
        new(Relationship.DirectReport, AllL(4), M(null, null, 5), "Kind", "Decisive"),
    ];

    private static PersonReportFigures TeamReport() => PersonReportCalculator.Compute(Cycle(), Team, Key);

    [Fact]
    public void Responders_AreTheCountedRaters_PerGroup()
    {
        Assert.Equal(new ResponderCounts(1, 1, 3, 2, 0, 6), TeamReport().Responders);
        Assert.False(TeamReport().Suppressed);
        Assert.True(TeamReport().Reportable);
    }

    [Fact]
    public void Others_Leadership_IsOverTheCountedRatersOnly()
    {
        // [4 (manager), 4, 3, 5 (peers), 4, 3 (direct reports)]: mean 23/6; squares (1 + 1 + 25 + 49 + 1 + 25)/36 = 102/36;
        // sd = sqrt(102/36/5); ci = mean ± t(5)·sd/√6; rwg = 1 − sd²/2. The peer and direct report with one valid
        // sheet are left out although their leadership sheets are valid.
        var l = TeamReport().Others!.Leadership!;
        var sd = Math.Sqrt(102.0 / 36 / 5);
        Near.Equal(23.0 / 6, l.Score);
        Assert.Equal(6, l.N);
        Near.Equal(sd, l.Sd);
        Near.Ci(23.0 / 6 - Near.T5 * sd / Math.Sqrt(6), 23.0 / 6 + Near.T5 * sd / Math.Sqrt(6), l.Ci95);
        Near.Equal(1 - 102.0 / 36 / 5 / 2, l.Agreement);
    }

    [Fact]
    public void Others_Management_IsOverTheSameRaters()
    {
        // [3, 4, 2, 4, 3, 3]: mean 19/6; squares (1 + 25 + 49 + 25 + 1 + 1)/36 = 102/36; sd = sqrt(102/36/5).
        var m = TeamReport().Others!.Management!;
        Near.Equal(19.0 / 6, m.Score);
        Assert.Equal(6, m.N);
        Near.Equal(Math.Sqrt(102.0 / 36 / 5), m.Sd);
    }

    [Fact]
    public void Others_Gap_IsOverTheSameRaters_SoItEqualsLeadershipMinusManagement()
    {
        // [1, 0, 1, 1, 1, 0] → 2/3 = 23/6 − 19/6; squares 4·(1/3)² + 2·(2/3)² = 12/9; sd = sqrt(12/9/5);
        // ci ≈ [0.125, 1.209] → significant.
        var report = TeamReport();
        var g = report.Others!.Gap!;
        var sd = Math.Sqrt(12.0 / 9 / 5);
        Near.Equal(2.0 / 3, g.Score);
        Near.Equal(report.Others.Leadership!.Score - report.Others.Management!.Score, g.Score);
        Assert.Equal(6, g.N);
        Near.Equal(sd, g.Sd);
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
        Near.Equal(4.2 - 23.0 / 6, report.SelfVsOthers!.Leadership);
        Near.Equal(3.0 - 19.0 / 6, report.SelfVsOthers.Management);
        Near.Equal(1.2 - 2.0 / 3, report.SelfVsOthers.Gap);
    }

    [Fact]
    public void AShownGroup_ShowsAllThreeStatistics_OverItsCountedRaters()
    {
        // n(g): manager 1, peer 3, directReport 2, other 0 → peer shown; H = 1 + 2 = 3 ≥ k, nothing more to hide.
        var groups = TeamReport().Groups;
        Assert.Equal([Relationship.Manager, Relationship.Peer, Relationship.DirectReport, Relationship.Other], groups.Select(g => g.Relationship));
        Assert.Equal([1, 3, 2, 0], groups.Select(g => g.Responders));
        Assert.Equal([true, false, true, true], groups.Select(g => g.Suppressed));
        Assert.All(groups.Where(g => g.Suppressed), g => Assert.True(g.Leadership is null && g.Management is null && g.Gap is null));

        var peer = groups[1];
        Near.Equal(4.0, peer.Leadership!.Score); // [4, 3, 5]
        Assert.Equal(3, peer.Leadership.N);
        Near.Equal(1.0, peer.Leadership.Sd);
        Near.Equal(10.0 / 3, peer.Management!.Score); // [4, 2, 4]
        Near.Equal(Math.Sqrt(4.0 / 3), peer.Management.Sd);
        Assert.Equal(3, peer.Management.N);
        Near.Equal(2.0 / 3, peer.Gap!.Score); // [0, 1, 1]: ci 2/3 ± 4.303·√(1/3)/√3 includes 0
        Assert.Equal(3, peer.Gap.N);
        Assert.False(peer.Gap.Significant);
    }

    [Fact]
    public void Behaviors_AreOverTheCountedRatersThePiecesRuleLetsIn_AndShowSelf()
    {
        // Parts: the peer group (3 complete) and the hidden remainder (manager + 2 direct reports, complete): both in.
        var report = TeamReport();
        var behaviors = report.Behaviors;
        Assert.Equal([.. LeadershipKeys, .. ManagementKeys], behaviors.Select(b => b.Key));
        Assert.Empty(report.BehaviorsHidden);

        var listening = behaviors[0]; // 4, 4, 3, 5, 4, 3
        Near.Equal(23.0 / 6, listening.Score);
        Assert.Equal(6, listening.N);
        Assert.Equal([0, 0, 2, 3, 1], listening.Distribution!.Values);
        Assert.Equal(5, listening.Self);

        var directing = behaviors[^1]; // 3, 4, 2, 4, 3, 3: the sparse sheet's 5 is not counted
        Near.Equal(19.0 / 6, directing.Score);
        Assert.Equal(6, directing.N);
        Assert.Equal(3, directing.Self);
    }

    [Fact]
    public void Comments_AreTheCountedRatersNonBlankOnes_NeverSelf_NorARaterWithOneValidSheet()
    {
        var comments = TeamReport().Comments!;
        Assert.Equal(["Listens well"], comments.Leadership);
        Assert.Equal(["Plans ahead"], comments.Management);
    }

    [Theory]
    [InlineData(true, false)] // leadership sheet only
    [InlineData(false, true)] // management sheet only
    [InlineData(true, true)] // both submitted, management too sparse (1 of 3)
    public void ARaterWithOneValidSheet_ChangesNothingInTheReport(bool leadership, bool management)
    {
        var oneSheet = new RaterInput(
            Relationship.Manager,
            leadership ? L(1, 1, 1, 1, 1) : null,
            management ? (leadership ? M(5, null, null) : M(5, 5, 5)) : null,
            "A comment nobody may read",
            "Another one");

        var without = PersonReportCalculator.Compute(Cycle(), Team, Key);
        var with = PersonReportCalculator.Compute(Cycle(), [.. Team, oneSheet], Key);

        Assert.Equal(Json(without), Json(with));
    }

    [Fact]
    public void ProductExample1_FourCompleteAndOneWhoSkippedEmpathy_HidesLeadershipBehaviors()
    {
        RaterInput[] raters = [.. Many(Relationship.Peer, 4, 4, 3), new(Relationship.Peer, L(5, null, 5, 5, 5), AllM(3))];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.Equal([Dimension.Leadership], report.BehaviorsHidden);
        Assert.All(report.Behaviors.Where(b => b.Dimension == Dimension.Leadership), b => Assert.Null(b.N));
        Assert.Equal(5, report.Behaviors[5].N); // management: one piece of 5
        Near.Equal((4 * 4 + 5) / 5.0, report.Others!.Leadership!.Score); // the dimension mean still counts all five
    }

    [Fact]
    public void ProductExample2_ThreeCompleteAndThreeWhoEachSkippedAnother_ShowsBehaviorsFromTheThree()
    {
        RaterInput[] raters =
        [
            new(Relationship.Peer, L(3, 3, 3, 3, 3), AllM(3)),
            new(Relationship.Peer, L(4, 4, 4, 4, 4), AllM(3)),
            new(Relationship.Peer, L(5, 5, 5, 5, 4), AllM(3)),
            new(Relationship.Peer, L(1, null, 1, 1, 1), AllM(3)),
            new(Relationship.Peer, L(1, 1, null, 1, 1), AllM(3)),
            new(Relationship.Peer, L(1, 1, 1, null, 1), AllM(3)),
        ];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.Empty(report.BehaviorsHidden);
        var empathy = report.Behaviors[1]; // 3, 4, 5 from the complete three; the 1s never count
        Near.Equal(4.0, empathy.Score);
        Assert.Equal(3, empathy.N);
        Near.Equal(1.0, empathy.Sd);
        Assert.Equal([0, 0, 1, 1, 1], empathy.Distribution!.Values);
        var trust = report.Behaviors[4]; // 3, 4, 4
        Near.Equal(11.0 / 3, trust.Score);
        Assert.Equal(3, trust.N);
    }

    [Fact]
    public void ProductExample3_ThreeCompleteAndThreeWhoAllSkippedEmpathy_ShowsBehaviorsFromAllSix()
    {
        RaterInput[] raters =
        [
            .. Many(Relationship.Peer, 3, 4, 3),
            .. Enumerable.Range(0, 3).Select(_ => new RaterInput(Relationship.Peer, L(2, null, 2, 2, 2), AllM(3))),
        ];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.Empty(report.BehaviorsHidden);
        Assert.Equal(3, report.Behaviors[1].N); // empathy: the complete three
        Near.Equal(4.0, report.Behaviors[1].Score);
        Assert.Equal(6, report.Behaviors[0].N); // active-listening: all six, [4, 4, 4, 2, 2, 2]
        Near.Equal(3.0, report.Behaviors[0].Score);
    }

    [Fact]
    public void AHiddenRemainderWhoseRestIsOne_IsLeftOut_WhileAShownGroupsPiecesStayIn()
    {
        // k = 3. Peers: 4 complete → shown, one piece of 4: in. Hidden remainder (manager 1, directReport 2, other 1):
        // 3 complete + 1 who skipped empathy → the rest is 1 → that part is out. Leadership behaviors: the 4 peers only.
        RaterInput[] raters =
        [
            new(Relationship.Peer, L(4, 4, 4, 4, 4), AllM(3)),
            new(Relationship.Peer, L(4, 4, 4, 4, 4), AllM(3)),
            new(Relationship.Peer, L(5, 5, 5, 5, 5), AllM(3)),
            new(Relationship.Peer, L(3, 3, 3, 3, 3), AllM(3)),
            new(Relationship.Manager, L(1, 1, 1, 1, 1), AllM(2)),
            new(Relationship.DirectReport, L(1, 1, 1, 1, 1), AllM(2)),
            new(Relationship.DirectReport, L(2, 2, 2, 2, 2), AllM(2)),
            new(Relationship.Other, L(1, null, 1, 1, 1), AllM(2)),
        ];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.Equal([true, false, true, true], report.Groups.Select(g => g.Suppressed));
        Assert.Empty(report.BehaviorsHidden);
        var listening = report.Behaviors[0]; // [4, 4, 5, 3]
        Assert.Equal(4, listening.N);
        Near.Equal(4.0, listening.Score);
        Assert.Equal([0, 0, 1, 2, 1], listening.Distribution!.Values);
        // Management: the peers (4 complete) and the remainder (4 complete) are each one piece in: all 8.
        Assert.Equal(8, report.Behaviors[5].N);
        Near.Equal((4 * 3 + 4 * 2) / 8.0, report.Behaviors[5].Score);
    }

    [Fact]
    public void KFive_ThePiecesRuleAndTheGroupsUseTheCyclesThreshold()
    {
        // k = 5. Peers: 5 complete + 2 who skipped empathy → the rest is 2 (< 5) → leadership behaviors hidden.
        // DirectReports: 3 → hidden; H = 3 < 5 → the peer group (7) is hidden too; others (10) are shown.
        // Management: all 10 complete → the hidden remainder (everyone) is one piece of 10: in.
        RaterInput[] raters =
        [
            .. Many(Relationship.Peer, 5, 4, 3),
            new(Relationship.Peer, L(2, null, 2, 2, 2), AllM(3)),
            new(Relationship.Peer, L(2, null, 2, 2, 2), AllM(3)),
            .. Many(Relationship.DirectReport, 3, 3, 2),
        ];
        var report = PersonReportCalculator.Compute(Cycle(k: 5), raters, Key);

        Assert.False(report.Suppressed);
        Assert.Equal(10, report.Responders.Others);
        Assert.All(report.Groups, g => Assert.True(g.Suppressed));
        // The remainder is one part of 10: pieces are ∅ (8: 5 peers and 3 direct reports) and {empathy} (2): the rest
        // is 2 → out. Leadership behaviors: none.
        Assert.Equal([Dimension.Leadership], report.BehaviorsHidden);
        Assert.Equal(10, report.Behaviors[5].N);
        Near.Equal((7 * 3 + 3 * 2) / 10.0, report.Behaviors[5].Score);

        // With 5 who skipped empathy instead of 2, both pieces are ≥ 5: 13 raters, empathy from the 8 who scored it.
        RaterInput[] five =
        [
            .. Many(Relationship.Peer, 5, 4, 3),
            .. Enumerable.Range(0, 5).Select(_ => new RaterInput(Relationship.Peer, L(2, null, 2, 2, 2), AllM(3))),
            .. Many(Relationship.DirectReport, 3, 3, 2),
        ];
        var shown = PersonReportCalculator.Compute(Cycle(k: 5), five, Key);
        Assert.Empty(shown.BehaviorsHidden);
        Assert.Equal(13, shown.Behaviors[0].N);
        Assert.Equal(8, shown.Behaviors[1].N);
        Near.Equal((5 * 4 + 3 * 3) / 8.0, shown.Behaviors[1].Score);
    }

    [Fact]
    public void BelowKCountedRaters_SuppressesTheReport_ButKeepsRespondersAndSelf()
    {
        // Two counted raters (k = 3); the one-sheet peer, the all-null peer and the too-sparse director are not counted.
        RaterInput[] raters =
        [
            new(Relationship.Self, AllL(5), AllM(4), "mine", "mine"),
            new(Relationship.Manager, AllL(4), AllM(3), "Listens", "Plans"),
            new(Relationship.Peer, AllL(3), AllM(3)),
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
        Assert.Equal([Dimension.Leadership, Dimension.Management], report.BehaviorsHidden);
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
    public void SelfWithOneValidSheet_KeepsThatScore_ButIsNotCountedAsResponder()
    {
        RaterInput[] raters = [new(Relationship.Self, AllL(5), M(4, null, null)), .. Many(Relationship.Peer, 3)];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);
        Assert.Equal(0, report.Responders.Self);
        Assert.Equal(new SelfFigures(5, null, null), report.Self);
        Assert.Null(report.SelfVsOthers!.Management);
        Near.Equal(1.0, report.SelfVsOthers.Leadership);
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
    public void ExactlyKCountedRaters_InOneGroup_ShowsEverything()
    {
        // k = 3: peers [3, 5, 4] with management 1 below each → gap [1, 1, 1], sd 0 → ci [1, 1] excludes 0.
        RaterInput[] raters = [Rater(Relationship.Peer, 3, 2), Rater(Relationship.Peer, 5, 4), Rater(Relationship.Peer, 4, 3)];
        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.False(report.Suppressed);
        Near.Equal(4.0, report.Others!.Leadership!.Score);
        Assert.Equal(3, report.Others.Leadership.N);
        Near.Ci(4 - Near.T2 / Math.Sqrt(3), 4 + Near.T2 / Math.Sqrt(3), report.Others.Leadership.Ci95); // sd 1
        Near.Ci(1, 1, report.Others.Gap!.Ci95);
        Assert.True(report.Others.Gap.Significant);
        Assert.False(report.Groups[1].Suppressed);
        Assert.Equal(new SelfVsOthersFigures(null, null, null), report.SelfVsOthers);
        Assert.Empty(report.Comments!.Leadership);
    }

    [Fact]
    public void OneDimensionOnlyRaters_AreNotCounted_SoTheyCanSuppressTheReport()
    {
        // Before the counted-raters rule, 3 leadership-only peers and 3 management-only direct reports showed
        // leadership and management from 4 raters each. Now only the manager is counted: suppressed.
        RaterInput[] raters =
        [
            Rater(Relationship.Manager, 4, 3),
            .. Many(Relationship.Peer, 3, 4, null),
            .. Many(Relationship.DirectReport, 3, null, 2),
            new(Relationship.Self, AllL(5), AllM(5)),
        ];

        var report = PersonReportCalculator.Compute(Cycle(), raters, Key);

        Assert.True(report.Suppressed);
        Assert.Equal(1, report.Responders.Others);
        Assert.Equal(new SelfFigures(5, 5, 0), report.Self);
    }

    private static string Json(PersonReportFigures report) => JsonSerializer.Serialize(report);
}
