using CsCheck;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using Feedback.Api.Tests.Reports.Attacker;
using Xunit.Abstractions;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>
/// Over thousands of random subjects (every group shape, "not observed" answers, one-sheet raters, k = 3..5): an
/// attacker who solves the shown means as linear equations never isolates fewer than k raters, and the counts a report
/// shows are those PRODUCT.md defines (recomputed here from the raw sheets, independently of the code under test).
/// The same attacker on a faithful copy of the rules before issue 9 finds single raters.
/// </summary>
public sealed class AnonymityPropertyTests(ITestOutputHelper output)
{
    private static readonly Gen<int> ScoreGen = Gen.Int[1, 5];

    /// <summary>A sheet of one dimension: complete, missing one fixed behavior, or with random "not observed" answers.</summary>
    private static Gen<Dictionary<string, int?>> SheetGen(string[] keys) =>
        Gen.Frequency(
            (6, ScoreGen.Array[keys.Length].Select(s => Sheet(keys, s.Select(v => (int?)v).ToArray()))),
            (2, ScoreGen.Array[keys.Length].Select(s => Sheet(keys, s.Select((v, i) => i == 1 ? null : (int?)v).ToArray()))),
            (2, ScoreGen.Nullable(0.35).Array[keys.Length].Select(s => Sheet(keys, s))));

    /// <summary>Both sheets (most raters), one sheet only, or none; comments only where a test looks at them.</summary>
    private static Gen<RaterInput> RaterGen(Relationship relationship, bool comments) =>
        Gen.Select(Gen.Int[0, 9], SheetGen(LeadershipKeys), SheetGen(ManagementKeys), Gen.Bool, (shape, l, m, comment) => new RaterInput(
            relationship,
            shape is <= 6 or 7 ? l : null,
            shape is <= 6 or 8 ? m : null,
            comments && comment ? "leadership comment" : null,
            comments && comment ? "management comment" : null));

    /// <summary>A subject: k = 3..5, maybe a self rater, and 0..6 raters in each of the four groups.</summary>
    private static Gen<(int K, RaterInput[] Raters)> SubjectGen(bool comments) =>
        Gen.Select(
            Gen.Int[3, 5],
            RaterGen(Relationship.Self, comments).List[0, 1],
            RaterGen(Relationship.Manager, comments).List[0, 6],
            RaterGen(Relationship.Peer, comments).List[0, 6],
            RaterGen(Relationship.DirectReport, comments).List[0, 6],
            RaterGen(Relationship.Other, comments).List[0, 6],
            (k, self, manager, peer, directReport, other) => (k, (RaterInput[])[.. self, .. manager, .. peer, .. directReport, .. other]));

    // Means are all the attacker reads; comments (an HMAC each per computation) would only slow the probing down.
    private static readonly Gen<(int K, RaterInput[] Raters)> AttackedSubjectGen = SubjectGen(comments: false);

    private static PersonReportFigures Current(ReportCycle cycle, IReadOnlyList<RaterInput> raters) =>
        PersonReportCalculator.Compute(cycle, raters, Key);

    private static PersonReportFigures Legacy(ReportCycle cycle, IReadOnlyList<RaterInput> raters) =>
        LegacyReportRules.Compute(cycle, raters, Key);

    [Fact]
    public void NoCombinationOfTheShownMeans_DependsOnFewerThanKRaters()
    {
        var attacked = 0;
        var piecesOut = 0; // shown reports with a dimension's behaviors hidden by the pieces rule
        var partlyIn = 0; // shown reports with a behavior shown from some but not all counted raters
        var complemented = 0;
        AttackedSubjectGen.Sample((k, raters) =>
        {
            var cycle = Cycle(k);
            var report = Current(cycle, raters);
            if (report.Suppressed)
            {
                return;
            }

            attacked++;
            if (report.BehaviorsHidden.Count > 0)
            {
                piecesOut++;
            }

            if (report.BehaviorsHidden.Count < 2 && report.Behaviors.Any(b => b.N is int n && n < report.Responders.Others && n >= k))
            {
                partlyIn++;
            }

            if (report.Groups.Any(g => g.Suppressed && g.Responders >= k))
            {
                complemented++;
            }

            var system = ReportAttacker.Derive(Current, cycle, raters);
            AssertLinearOnAnotherDraw(system, Current, cycle, raters);
            var isolated = ReportAttacker.FindIsolatedRaters(system, k - 1);
            Assert.True(isolated is null,
                $"k = {k}: a combination of [{string.Join(", ", system.Means)}] depends only on raters "
                + $"[{string.Join(", ", isolated ?? [])}] ({string.Join(", ", (isolated ?? []).Select(r => raters[r].Relationship))})");
        }, iter: 3000, threads: 1, print: Describe);

        output.WriteLine($"attacked {attacked} shown reports; a dimension's behaviors hidden in {piecesOut}; a behavior shown from "
            + $"part of the counted raters in {partlyIn}; complementary suppression in {complemented}");
        // The sample must reach the rules it is about, or it proves little.
        Assert.True(attacked > 1000, $"only {attacked} reports were shown");
        Assert.True(piecesOut > 100, $"the pieces rule hid a dimension's behaviors in only {piecesOut} reports");
        Assert.True(partlyIn > 100, $"a behavior was shown from part of the counted raters in only {partlyIn} reports");
        Assert.True(complemented > 20, $"complementary suppression hid a group of ≥ k in only {complemented} reports");
    }

    [Fact]
    public void TheSameAttacker_FindsSingleRaters_UnderTheRulesBeforeIssue9()
    {
        var shown = 0;
        var single = 0;
        var fewerThanK = 0;
        AttackedSubjectGen.Sample((k, raters) =>
        {
            var cycle = Cycle(k);
            if (Legacy(cycle, raters).Suppressed)
            {
                return;
            }

            shown++;
            var isolated = ReportAttacker.FindIsolatedRaters(ReportAttacker.Derive(Legacy, cycle, raters), k - 1);
            if (isolated is not null)
            {
                fewerThanK++;
                single += isolated.Count == 1 ? 1 : 0;
            }
        }, iter: 1000, threads: 1);

        output.WriteLine($"old rules: {fewerThanK} of {shown} shown reports solvable for fewer than k raters, {single} for a single rater");
        Assert.True(shown > 300);
        Assert.True(single > shown / 10, $"the attacker isolated a single rater in only {single} of {shown} reports");
        Assert.True(fewerThanK > shown / 2, $"only {fewerThanK} of {shown} old reports were solvable");
    }

    [Fact]
    public void TheReadmesOldWorkedExample_IsSolvedForTheManagerAndTheDirectReport_ButNotAnyMore()
    {
        // README before issue 9: 4·L − 4·M − 3·gap = (manager's leadership) − (direct report's management) = 3.6 − 3.5.
        var cycle = Cycle();
        RaterInput[] dana = ReadmeWorkedExampleTests.Raters;
        var old = Legacy(cycle, dana);
        Near.Equal(0.1, 4 * old.Others!.Leadership!.Score - 4 * old.Others.Management!.Score - 3 * old.Others.Gap!.Score, 1e-9);
        var isolated = ReportAttacker.FindIsolatedRaters(ReportAttacker.Derive(Legacy, cycle, dana), 2);
        Assert.NotNull(isolated);

        Assert.Null(ReportAttacker.FindIsolatedRaters(ReportAttacker.Derive(Current, cycle, dana), 2));
    }

    [Fact]
    public void ShownCounts_AreThoseOfTheCountedRaters_AndNoShownFigureComesFromFewerThanK()
    {
        SubjectGen(comments: true).Sample((k, raters) =>
        {
            var report = Current(Cycle(k), raters);
            var others = raters.Where(r => r.Relationship != Relationship.Self).ToList();
            bool Counted(RaterInput r) => ValidL(r) && ValidM(r);
            var groupN = Suppression.Groups.Select(g => others.Count(r => r.Relationship == g && Counted(r))).ToList();
            var counted = groupN.Sum();

            Assert.Equal(counted, report.Responders.Others);
            Assert.Equal(groupN, report.Groups.Select(g => g.Responders));
            Assert.Equal(counted < k, report.Suppressed);
            if (report.Suppressed)
            {
                Assert.Null(report.Others);
                Assert.Null(report.Comments);
                Assert.All(report.Groups, g => Assert.True(g.Suppressed && g.Leadership is null && g.Management is null && g.Gap is null));
                Assert.All(report.Behaviors, b => Assert.True(b.N is null && b.Score is null && b.Sd is null && b.Distribution is null));
                Assert.Equal([Dimension.Leadership, Dimension.Management], report.BehaviorsHidden);
                return;
            }

            Assert.Equal([counted, counted, counted], new[] { report.Others!.Leadership!.N, report.Others.Management!.N, report.Others.Gap!.N });
            var shownSum = 0;
            foreach (var (group, n) in report.Groups.Zip(groupN))
            {
                Assert.Equal(group.Suppressed, group.Leadership is null);
                Assert.Equal(group.Suppressed, group.Management is null);
                Assert.Equal(group.Suppressed, group.Gap is null);
                if (!group.Suppressed)
                {
                    Assert.True(n >= k);
                    Assert.Equal([n, n, n], new[] { group.Leadership!.N, group.Management!.N, group.Gap!.N });
                    shownSum += n;
                }
            }

            var hidden = counted - shownSum;
            Assert.True(hidden == 0 || hidden >= k, $"hidden remainder {hidden} is recoverable with k = {k}");
            Assert.All(report.Behaviors, b => Assert.True(b.N is null || b.N >= k, $"{b.Key} shown from {b.N} < k = {k}"));
            foreach (var d in new[] { Dimension.Leadership, Dimension.Management })
            {
                Assert.Equal(report.Behaviors.Where(b => b.Dimension == d).All(b => b.N is null), report.BehaviorsHidden.Contains(d));
            }

            var comments = others.Where(Counted).SelectMany(r => new[] { r.LeadershipComment, r.ManagementComment }).Count(c => c is not null);
            Assert.Equal(comments, report.Comments!.Leadership.Count + report.Comments.Management.Count);
        }, iter: 3000, threads: 1, print: Describe);
    }

    /// <summary>The derived weights also reproduce the shown means for other scores with the same structure.</summary>
    private static void AssertLinearOnAnotherDraw(LinearSystem system, ReportRulesUnderTest rules, ReportCycle cycle, RaterInput[] raters)
    {
        var random = new Random(raters.Length * 7919 + system.Cells.Count);
        var redrawn = raters.Select(r => r with
        {
            Leadership = Redraw(r.Leadership, random),
            Management = Redraw(r.Management, random),
        }).ToArray();
        ReportAttacker.AssertReproduces(system, ReportAttacker.ShownMeans(rules(cycle, redrawn)), redrawn);
    }

    private static Dictionary<string, int?>? Redraw(IReadOnlyDictionary<string, int?>? sheet, Random random) =>
        sheet?.ToDictionary(s => s.Key, s => s.Value is null ? null : (int?)random.Next(1, 6));

    // Independent validity: ceil(5/2) = 3 of the leadership behaviors, ceil(3/2) = 2 of the management ones.
    private static bool ValidL(RaterInput r) => r.Leadership is { } s && s.Values.Count(v => v is not null) >= 3;

    private static bool ValidM(RaterInput r) => r.Management is { } s && s.Values.Count(v => v is not null) >= 2;

    private static string Describe((int K, RaterInput[] Raters) subject) =>
        $"k = {subject.K}: " + string.Join("; ", subject.Raters.Select(r =>
            $"{r.Relationship} L[{Scores(r.Leadership, LeadershipKeys)}] M[{Scores(r.Management, ManagementKeys)}]"));

    private static string Scores(IReadOnlyDictionary<string, int?>? sheet, string[] keys) =>
        sheet is null ? "none" : string.Join(' ', keys.Select(k => sheet[k]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"));

    private static Dictionary<string, int?> Sheet(string[] keys, int?[] scores) =>
        keys.Zip(scores).ToDictionary(p => p.First, p => p.Second);
}
