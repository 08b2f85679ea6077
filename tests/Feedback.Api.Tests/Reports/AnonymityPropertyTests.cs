using CsCheck;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>
/// Over random cycles: nothing a report shows comes from fewer than k others, and no hidden remainder of 1..k-1 raters
/// can be recovered by subtracting shown groups from shown others. Counts are recomputed here from the raw sheets,
/// independently of the code under test.
/// </summary>
public sealed class AnonymityPropertyTests
{
    private enum Shape { Both, LeadershipOnly, ManagementOnly, NoSheets }

    private static readonly Gen<int?> Score = Gen.Int[1, 5].Nullable(0.35);

    private static Gen<RaterInput> RaterGen(Relationship relationship) =>
        Gen.Select(Gen.Int[0, 3], Score.Array[5], Score.Array[3], Gen.Bool, (shape, l, m, comment) => new RaterInput(
            relationship,
            (Shape)shape is Shape.Both or Shape.LeadershipOnly ? L(l) : null,
            (Shape)shape is Shape.Both or Shape.ManagementOnly ? M(m) : null,
            comment ? "leadership comment" : null,
            comment ? "management comment" : null));

    private static Gen<List<RaterInput>> GroupGen(Relationship relationship) => RaterGen(relationship).List[0, 8];

    private static readonly Gen<(int K, RaterInput[] Raters)> CycleGen =
        Gen.Select(
            Gen.Int[2, 5],
            GroupGen(Relationship.Self).SelectMany(s => Gen.Const(s.Take(1).ToList())),
            GroupGen(Relationship.Manager),
            GroupGen(Relationship.Peer),
            GroupGen(Relationship.DirectReport),
            GroupGen(Relationship.Other),
            (k, self, manager, peer, directReport, other) => (k, (RaterInput[])[.. self, .. manager, .. peer, .. directReport, .. other]));

    [Fact]
    public void NoShownFigureComesFromFewerThanK_AndNoHiddenRemainderIsRecoverable()
    {
        var suppressed = 0;
        var complemented = 0;
        CycleGen.Sample((k, raters) =>
        {
            var report = PersonReportCalculator.Compute(Cycle(k), raters, Key);
            if (report.Suppressed)
            {
                Interlocked.Increment(ref suppressed);
            }

            if (CheckReport(k, raters, report))
            {
                Interlocked.Increment(ref complemented);
            }
        }, iter: 2000, threads: 1);

        // The sample must exercise both the suppressed report and complementary suppression, or it proves little.
        Assert.InRange(suppressed, 1, 1999);
        Assert.InRange(complemented, 1, 2000);
    }

    /// <returns>Whether complementary suppression hid a group that had ≥ k raters in this report.</returns>
    private static bool CheckReport(int k, RaterInput[] raters, PersonReportFigures report)
    {
        var others = raters.Where(r => r.Relationship != Relationship.Self).ToList();
        var othersResponders = others.Count(r => ValidL(r) || ValidM(r));
        Assert.Equal(othersResponders, report.Responders.Others);
        Assert.Equal(othersResponders < k, report.Suppressed);

        if (report.Suppressed)
        {
            Assert.Null(report.Others);
            Assert.Null(report.SelfVsOthers);
            Assert.Null(report.Comments);
            Assert.All(report.Groups, g => Assert.True(g.Suppressed && g.Leadership is null && g.Management is null && g.Gap is null));
            Assert.All(report.Behaviors, b => Assert.True(b.N is null && b.Score is null && b.Sd is null && b.Distribution is null));
            return false;
        }

        Assert.True(othersResponders >= k);
        var complemented = false;
        complemented |= CheckStatistic(k, others, ValidL, report.Others!.Leadership?.N, report.Groups.Select(g => g.Leadership?.N).ToList());
        complemented |= CheckStatistic(k, others, ValidM, report.Others.Management?.N, report.Groups.Select(g => g.Management?.N).ToList());
        complemented |= CheckStatistic(k, others, r => ValidL(r) && ValidM(r), report.Others.Gap?.N, report.Groups.Select(g => g.Gap?.N).ToList());
        Assert.All(report.Groups, g => Assert.Equal(g.Leadership is null && g.Management is null && g.Gap is null, g.Suppressed));

        foreach (var behavior in report.Behaviors)
        {
            var n = others.Count(r => r.SheetOf(behavior.Dimension)?[behavior.Key] is not null);
            Assert.Equal(n >= k ? n : null, behavior.N);
        }

        return complemented;
    }

    private static bool CheckStatistic(int k, List<RaterInput> others, Func<RaterInput, bool> counted, int? othersShownN, List<int?> groupShownN)
    {
        var groupN = Suppression.Groups.Select(g => others.Count(r => r.Relationship == g && counted(r))).ToList();
        var othersN = groupN.Sum();

        if (othersShownN is null)
        {
            Assert.True(othersN < k, $"others hidden with n = {othersN} ≥ k = {k}");
            Assert.All(groupShownN, Assert.Null);
            return false;
        }

        Assert.Equal(othersN, othersShownN);
        Assert.True(othersN >= k);
        var shownSum = 0;
        for (var g = 0; g < groupN.Count; g++)
        {
            if (groupShownN[g] is int n)
            {
                Assert.Equal(groupN[g], n);
                Assert.True(n >= k, $"group {g} shown with n = {n} < k = {k}");
                shownSum += n;
            }
        }

        var hidden = othersN - shownSum;
        Assert.True(hidden == 0 || hidden >= k, $"hidden remainder {hidden} is recoverable with k = {k}");
        return groupN.Where((n, g) => n >= k && groupShownN[g] is null).Any();
    }

    // Independent validity: ceil(5/2) = 3 of the leadership behaviors, ceil(3/2) = 2 of the management ones.
    private static bool ValidL(RaterInput r) => r.Leadership is { } s && s.Values.Count(v => v is not null) >= 3;

    private static bool ValidM(RaterInput r) => r.Management is { } s && s.Values.Count(v => v is not null) >= 2;
}
