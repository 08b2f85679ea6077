namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// The reference and the attacker checked against what the documents state by example, so a mistake in them cannot
/// pass as agreement with the service: PRODUCT.md's pieces examples, API.md's suppression example, a t table.
/// </summary>
public sealed class ReferenceTests
{
    private static readonly RefCycle Cycle = new("c", "examples",
        [new("active-listening", "leadership"), new("empathy", "leadership"), new("building-trust", "leadership"), new("organizing-projects", "management")],
        1, 5, 3);

    private static RefCountedRater Rater(string id, string relationship, params string[] skipped)
    {
        var leadership = Cycle.KeysOf("leadership").ToDictionary(k => k, k => skipped.Contains(k) ? null : (int?)4);
        var management = new Dictionary<string, int?> { ["organizing-projects"] = 3 };
        return new RefCountedRater(new RefRater(id, relationship, new RefSheet(leadership, null), new RefSheet(management, null)), 4, 3);
    }

    private static List<RefCountedRater> Part(params string[][] skips) =>
        skips.Select((s, i) => Rater($"r{i}", "peer", s)).ToList();

    [Fact]
    public void PiecesRule_FourCompleteAndOneWhoSkipped_IsHidden() =>
        Assert.Empty(RefPersonReport.PiecesIn(Part([], [], [], [], ["empathy"]), "leadership", Cycle));

    [Fact]
    public void PiecesRule_ThreeCompleteAndThreeDifferentSkips_ShowsTheCompleteThree() =>
        Assert.Equal(["r0", "r1", "r2"], RefPersonReport.PiecesIn(Part([], [], [], ["empathy"], ["active-listening"], ["building-trust"]), "leadership", Cycle).Select(r => r.Id));

    [Fact]
    public void PiecesRule_ThreeCompleteAndThreeWhoAllSkippedEmpathy_ShowsAllSix() =>
        Assert.Equal(6, RefPersonReport.PiecesIn(Part([], [], [], ["empathy"], ["empathy"], ["empathy"]), "leadership", Cycle).Count);

    [Fact]
    public void ComplementarySuppression_ApiMdExample_HidesManagerAndDirectReport()
    {
        // API.md's example report: manager 1, peer 4, directReport 3, other 0, k = 3 → only peer is shown.
        var byGroup = new Dictionary<string, IReadOnlyList<RefCountedRater>>
        {
            ["manager"] = [Rater("m", "manager")],
            ["peer"] = Enumerable.Range(0, 4).Select(i => Rater($"p{i}", "peer")).ToList(),
            ["directReport"] = Enumerable.Range(0, 3).Select(i => Rater($"d{i}", "directReport")).ToList(),
            ["other"] = [],
        };

        Assert.Equal(["peer"], RefPersonReport.ShownGroups(byGroup, 3));
    }

    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(5, 2.570581836)]
    [InlineData(30, 2.042272456)]
    public void StudentT_MatchesTheTable(int df, double t) => Assert.InRange(RefStat.T975(df), t - 1e-8, t + 1e-8);

    [Fact]
    public void Statistics_AgreementAndSignificance_FollowTheFormulas()
    {
        // Scores 3, 4, 5 on 1..5: mean 4, variance 1, rwg = 1 − 1/2 = 0.5; ci95 = 4 ± 4.3027·1/√3.
        var stat = RefStat.Of([3, 4, 5], 5);
        Assert.Equal(0.5, stat.Agreement!.Value, 12);
        Assert.Equal(4 - (4.302652730 / Math.Sqrt(3)), stat.Ci95![0], 8);
        Assert.True(stat.Significant);

        // One point, twice: sd 0, ci95 [0, 0] does not exclude 0.
        Assert.False(RefStat.Of([0, 0], 5).Significant);
        Assert.True(RefStat.Of([new Exact(1, 3), new Exact(1, 3)], 5).Significant);
    }

    [Fact]
    public void Median_OfAnEvenCount_IsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(new Exact(7, 2), ReferenceCycleReport.Median([2, 3, 4, 5]));
        Assert.Equal((Exact)3, ReferenceCycleReport.Median([5, 3, 1]));
    }

    [Fact]
    public void Attacker_FindsARaterIsolatedByTwoMeans_AndNothingInOneMean()
    {
        // mean over {a, b, c, d} and mean over {a, b, c}: 4·first − 3·second = d's score alone.
        var system = new FigureSystem();
        system.Add("all four", new[] { "a", "b", "c", "d" }.Select(r => (new Unknown(r, "x"), new Exact(1, 4))));
        system.Add("three", new[] { "a", "b", "c" }.Select(r => (new Unknown(r, "x"), new Exact(1, 3))));
        Assert.Single(system.Violations(3));

        var safe = new FigureSystem();
        safe.Add("all four", new[] { "a", "b", "c", "d" }.Select(r => (new Unknown(r, "x"), new Exact(1, 4))));
        Assert.Empty(safe.Violations(3));
        Assert.Single(safe.Violations(5)); // four raters are fewer than k = 5
    }

    [Fact]
    public void Attacker_SeesThatTwoGroupsOfThreeDoNotIsolateAnyone_ButTheirDifferenceOfOneDoes()
    {
        var fine = new FigureSystem();
        fine.Add("abc", new[] { "a", "b", "c" }.Select(r => (new Unknown(r, "x"), (Exact)1)));
        fine.Add("def", new[] { "d", "e", "f" }.Select(r => (new Unknown(r, "x"), (Exact)1)));
        fine.Add("all", new[] { "a", "b", "c", "d", "e", "f" }.Select(r => (new Unknown(r, "x"), (Exact)1)));
        Assert.Empty(fine.Violations(3));

        fine.Add("abcd", new[] { "a", "b", "c", "d" }.Select(r => (new Unknown(r, "x"), (Exact)1)));
        Assert.Single(fine.Violations(3)); // abcd − abc = d
    }
}
