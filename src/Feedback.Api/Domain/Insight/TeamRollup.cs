using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Domain.Insight;

/// <summary>A reportable subject's shown figures and the team it belongs to (department or manager at close; null = none).</summary>
public sealed record TeamMember(string? Team, double Leadership, double Management, double? Gap, Quadrant Quadrant);

/// <summary>A shown team, or (<see cref="Other"/>) every team folded together.</summary>
/// <param name="Team">The department or manager; null for subjects without one, and for <see cref="Other"/>.</param>
/// <param name="Other">True for the fold of the teams too small to show.</param>
/// <param name="Teams">How many teams this entry holds (1, or the number folded into other).</param>
/// <param name="Members">The reportable subjects in it.</param>
public sealed record TeamGroup(string? Team, bool Other, int Teams, IReadOnlyList<TeamMember> Members);

/// <summary>
/// Team rollups without small groups. A team with fewer than k reportable subjects is folded into "other". The cycle's
/// summary covers every reportable subject, so "other" is what remains when the shown teams are subtracted from it:
/// when other would hold 1..k − 1 subjects (a small team recoverable by subtraction), the smallest shown team is folded
/// too (ties: team name, ordinal), and again, until other is empty or holds at least k — the same complementary
/// suppression the person report applies to its rater groups.
/// </summary>
public static class TeamRollup
{
    public static IReadOnlyList<TeamGroup> Fold(IEnumerable<TeamMember> members, int k)
    {
        var teams = members.GroupBy(m => m.Team ?? NoTeam, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Members: g.ToList()))
            .ToList();
        var shown = teams.Where(t => t.Members.Count >= k).ToList();
        var folded = teams.Where(t => t.Members.Count < k).ToList();

        while (folded.Sum(t => t.Members.Count) is > 0 and var hidden && hidden < k && shown.Count > 0)
        {
            var smallest = shown.OrderBy(t => t.Members.Count).ThenBy(t => t.Key, StringComparer.Ordinal).First();
            shown.Remove(smallest);
            folded.Add(smallest);
        }

        var result = shown
            .OrderBy(t => t.Key == NoTeam ? 1 : 0).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TeamGroup(t.Key == NoTeam ? null : t.Key, false, 1, t.Members))
            .ToList();
        if (folded.Count > 0)
        {
            result.Add(new TeamGroup(null, true, folded.Count, folded.SelectMany(t => t.Members).ToList()));
        }

        return result;
    }

    // Team names are department names or externalIds, which never hold a NUL character.
    private const string NoTeam = "\0";
}
