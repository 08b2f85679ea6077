using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>
/// README.md, "Worked example": Dana's report, with the figures worked out by hand there, fed to the calculator.
/// Keep the two in step: a change to either must show up here.
/// </summary>
public sealed class ReadmeWorkedExampleTests
{
    /// <summary>The example's sheets, in catalog order; the manager sent no management sheet.</summary>
    internal static readonly RaterInput[] Raters =
    [
        new(Relationship.Self, L(5, 5, 4, 4, 5), M(4, 3, 4), "I should delegate more.", null),
        new(Relationship.Manager, L(4, 3, 4, 4, 3), null),
        new(Relationship.Peer, L(4, 4, 3, 4, 4), M(3, 3, 2), "Listens before deciding."),
        new(Relationship.Peer, L(5, 5, 5, 4, 5), M(4, 4, 4)),
        new(Relationship.Peer, L(3, 3, 2, 3, 3), M(2, 1, null), null, "Plans slip; priorities change weekly."),
        new(Relationship.DirectReport, L(4, null, null, 5, null), M(3, 4, null)),
    ];

    private static PersonReportFigures Dana() => PersonReportCalculator.Compute(Cycle(), Raters, Key);

    [Fact]
    public void Responders_AreThePeers_TheManagerAndDirectReportHaveOneValidSheetEach()
    {
        Assert.Equal(new ResponderCounts(1, 0, 3, 0, 0, 3), Dana().Responders);
        Assert.False(Dana().Suppressed);
    }

    [Fact]
    public void Others_AreOverThePeers()
    {
        var others = Dana().Others!;

        // Leadership [3.8, 4.8, 2.8]: mean 3.8, deviations 0, 1, −1 → sd 1; half-width 4.303·1/√3 = 2.484; rwg 1 − 1/2.
        Near.Equal(3.8, others.Leadership!.Score);
        Assert.Equal(3, others.Leadership.N);
        Near.Equal(1.0, others.Leadership.Sd);
        Near.Ci(3.8 - Near.T2 / Math.Sqrt(3), 3.8 + Near.T2 / Math.Sqrt(3), others.Leadership.Ci95);
        Near.Equal(0.5, others.Leadership.Agreement);

        // Management [8/3, 4, 3/2]: mean 49/18 = 2.722; deviations −1/18, 23/18, −22/18 → squares 1014/324;
        // variance 1014/648 = 1.5648; sd 1.2509; rwg 1 − 1.5648/2 = 0.2176.
        Near.Equal(49.0 / 18, others.Management!.Score);
        Near.Equal(Math.Sqrt(1014.0 / 648), others.Management.Sd);
        Near.Equal(1 - 1014.0 / 648 / 2, others.Management.Agreement);
        Near.Equal(2.7222, others.Management.Score, 1e-4);
        Near.Equal(1.2509, others.Management.Sd, 1e-4);

        // Gap [17/15, 4/5, 13/10]: mean 97/90 = 1.0778; deviations 5/90, −25/90, 20/90 → squares 1050/8100;
        // sd √(1050/16200) = 0.2546; half-width 4.303·0.2546/√3 = 0.6324 → [0.445, 1.710], significant.
        var gap = others.Gap!;
        Near.Equal(97.0 / 90, gap.Score);
        Near.Equal(others.Leadership.Score - others.Management.Score, gap.Score);
        Near.Equal(Math.Sqrt(1050.0 / 16200), gap.Sd);
        Near.Ci(97.0 / 90 - Near.T2 * Math.Sqrt(1050.0 / 16200) / Math.Sqrt(3), 97.0 / 90 + Near.T2 * Math.Sqrt(1050.0 / 16200) / Math.Sqrt(3), gap.Ci95);
        Near.Equal(0.4453, gap.Ci95![0], 1e-4);
        Near.Equal(1.7102, gap.Ci95[1], 1e-4);
        Assert.True(gap.Significant);
    }

    [Fact]
    public void Groups_ThePeerGroupIsShown_WithEveryStatistic()
    {
        var groups = Dana().Groups;
        Assert.Equal([true, false, true, true], groups.Select(g => g.Suppressed));
        Assert.Equal([0, 3, 0, 0], groups.Select(g => g.Responders));
        Near.Equal(3.8, groups[1].Leadership!.Score);
        Near.Equal(49.0 / 18, groups[1].Management!.Score);
        Near.Equal(97.0 / 90, groups[1].Gap!.Score);
    }

    [Fact]
    public void Behaviors_LeadershipFromThePeers_ManagementHidden()
    {
        var report = Dana();
        Assert.Equal([Dimension.Management], report.BehaviorsHidden);

        var listening = report.Behaviors[0]; // 4, 5, 3
        Near.Equal(4.0, listening.Score);
        Assert.Equal(3, listening.N);
        Near.Equal(1.0, listening.Sd);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 1, ["4"] = 1, ["5"] = 1 }, listening.Distribution);
        Assert.Equal(5, listening.Self);

        var guiding = report.Behaviors[2]; // 3, 5, 2: mean 10/3, variance 7/3
        Near.Equal(10.0 / 3, guiding.Score);
        Near.Equal(Math.Sqrt(7.0 / 3), guiding.Sd);
        var vision = report.Behaviors[3]; // 4, 4, 3
        Near.Equal(11.0 / 3, vision.Score);
        Near.Equal(Math.Sqrt(1.0 / 3), vision.Sd);

        // Peer 3 skipped directing-workflows: pieces "complete" (2) and "skipped directing-workflows" (1), none ≥ 3.
        Assert.All(report.Behaviors.Where(b => b.Dimension == Dimension.Management), b => Assert.True(b.Score is null && b.N is null && b.Distribution is null));
        Assert.Equal([4, 3, 4], report.Behaviors.Where(b => b.Dimension == Dimension.Management).Select(b => b.Self));
    }

    [Fact]
    public void Self_SelfVsOthers_AndComments()
    {
        var report = Dana();
        Near.Equal(4.6, report.Self.Leadership);
        Near.Equal(11.0 / 3, report.Self.Management);
        Near.Equal(4.6 - 11.0 / 3, report.Self.Gap);
        Near.Equal(0.8, report.SelfVsOthers!.Leadership);
        Near.Equal(11.0 / 3 - 49.0 / 18, report.SelfVsOthers.Management); // 17/18 = 0.944
        Near.Equal(4.6 - 11.0 / 3 - 97.0 / 90, report.SelfVsOthers.Gap); // −0.144

        Assert.Equal(["Listens before deciding."], report.Comments!.Leadership);
        Assert.Equal(["Plans slip; priorities change weekly."], report.Comments.Management);
    }
}
