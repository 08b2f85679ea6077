using CsCheck;
using Feedback.Api.Domain.Insight;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Insight;

public sealed class TeamRollupTests
{
    private static IEnumerable<TeamMember> Team(string? name, int size) =>
        Enumerable.Range(0, size).Select(i => new TeamMember(name, 3 + (i * 0.1), 3, 0, Quadrant.Developing));

    private static string Describe(IReadOnlyList<TeamGroup> groups) =>
        string.Join(" ", groups.Select(g => $"{(g.Other ? "other" : g.Team ?? "none")}:{g.Members.Count}/{g.Teams}"));

    [Fact]
    public void SmallTeams_AreFoldedIntoOther()
    {
        // k = 3: A 5 and B 3 are shown; C 2 and D 1 fold into other (3 subjects, two teams), which is itself ≥ k.
        var groups = TeamRollup.Fold([.. Team("A", 5), .. Team("B", 3), .. Team("C", 2), .. Team("D", 1)], 3);
        Assert.Equal("A:5/1 B:3/1 other:3/2", Describe(groups));
    }

    [Fact]
    public void AnOtherSmallerThanK_TakesTheSmallestShownTeamToo()
    {
        // k = 3: C 2 alone in other would be C itself (summary − A − B = C). So B (4, the smallest shown) folds too: other 6.
        var groups = TeamRollup.Fold([.. Team("A", 5), .. Team("B", 4), .. Team("C", 2)], 3);
        Assert.Equal("A:5/1 other:6/2", Describe(groups));
    }

    [Fact]
    public void TiesForTheSmallestShownTeam_GoByName()
    {
        var groups = TeamRollup.Fold([.. Team("B", 3), .. Team("A", 3), .. Team("C", 1)], 3);
        Assert.Equal("B:3/1 other:4/2", Describe(groups));
    }

    [Fact]
    public void SubjectsWithoutATeam_AreATeamListedLast()
    {
        var groups = TeamRollup.Fold([.. Team(null, 3), .. Team("Z", 3), .. Team("A", 4)], 3);
        Assert.Equal("A:4/1 Z:3/1 none:3/1", Describe(groups));
    }

    [Fact]
    public void WhenEveryTeamIsSmall_OnlyOtherRemains()
    {
        var groups = TeamRollup.Fold([.. Team("A", 1), .. Team("B", 1)], 3);
        Assert.Equal("other:2/2", Describe(groups));
    }

    [Fact]
    public void BigTeamsOnly_HaveNoOther() =>
        Assert.Equal("A:3/1 B:3/1", Describe(TeamRollup.Fold([.. Team("A", 3), .. Team("B", 3)], 3)));

    [Fact]
    public void NoShownEntry_IsSmall_AndNoSmallTeamIsRecoverable()
    {
        // Whatever the team sizes: every shown team has ≥ k; other is empty or ≥ k unless it holds everyone; nobody is lost.
        Gen.Select(Gen.Int[3, 10], Gen.Int[0, 12].Array[0, 8]).Sample((k, sizes) =>
        {
            var members = sizes.SelectMany((size, i) => Team($"t{i}", size)).ToList();
            var groups = TeamRollup.Fold(members, k);
            var other = groups.SingleOrDefault(g => g.Other);
            return groups.Where(g => !g.Other).All(g => g.Members.Count >= k)
                && (other is null || other.Members.Count >= k || groups.Count == 1)
                && groups.Sum(g => g.Members.Count) == members.Count
                && groups.Where(g => !g.Other).All(g => g.Teams == 1);
        });
    }
}
