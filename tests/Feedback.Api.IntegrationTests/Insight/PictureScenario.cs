using Feedback.Api.Domain;
using Feedback.Api.IntegrationTests.Reports;

namespace Feedback.Api.IntegrationTests.Insight;

/// <summary>
/// A closed cycle to draw (k = 3, leadership active-listening, empathy, building-trust; management organizing-projects,
/// directing-workflows). "ada" (a name and comments full of HTML) is rated by her manager, three peers and herself,
/// every sheet complete: others' leadership (4 + 4 + 5 + 3)/4 = 4, management (3 + 2 + 3 + 4)/4 = 3, gap 1.
/// "sam" has two raters: suppressed. Ten more subjects spread over the four quadrants for the scatter.
/// </summary>
public static class PictureScenario
{
    public const string AdaName = "Ada <script>alert('x')</script> & \"Lovelace\"";
    public const string EvilComment = "<img src=x onerror=alert(1)> listens & decides";

    public static async Task<(TestOrganization Org, Guid CycleId)> BuildAsync(FeedbackApiFactory api)
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync([
            new SeedPerson("boss", "Boss", "Exec"),
            new SeedPerson("ada", AdaName, "R&D <Lab>", "boss"),
            new SeedPerson("sam", "Sam Suppressed", "R&D <Lab>", "boss"),
            new SeedPerson("p1", "P1"), new SeedPerson("p2", "P2"), new SeedPerson("p3", "P3"),
            .. Enumerable.Range(1, 10).Select(i => new SeedPerson($"q{i}", $"Quinn {i}", i % 2 == 0 ? "Eng" : "Sales"))]);
        var cycleId = await org.CreateOpenCycleAsync("2026 H1 <review>");
        await org.RateAsync(cycleId,
            new SeedRating("ada", "ada", Relationship.Self, [5, 5, 4], [2, 2], LComment: "self comment is never shown"),
            new SeedRating("ada", "boss", Relationship.Manager, [4, 4, 4], [3, 3], LComment: EvilComment),
            new SeedRating("ada", "p1", Relationship.Peer, [4, 4, 4], [2, 2], MComment: "Plans well"),
            new SeedRating("ada", "p2", Relationship.Peer, [5, 5, 5], [3, 3]),
            new SeedRating("ada", "p3", Relationship.Peer, [3, 3, 3], [4, 4]),
            new SeedRating("sam", "p1", Relationship.Peer, [2, 2, 2], [5, 5], LComment: "secret words"),
            new SeedRating("sam", "p2", Relationship.Peer, [2, 2, 2], [5, 5]));
        // q1..q10: leadership and management spread over the scale (q9 and q10 share a point).
        (int?[] L, int?[] M)[] spread =
        [
            ([2, 2, 3], [4, 5]), ([4, 4, 5], [2, 3]), ([3, 3, 3], [3, 3]), ([5, 5, 4], [5, 4]), ([1, 2, 2], [2, 1]),
            ([4, 3, 4], [4, 4]), ([2, 3, 3], [1, 2]), ([3, 4, 4], [3, 2]), ([3, 3, 4], [4, 3]), ([3, 3, 4], [4, 3]),
        ];
        await org.RateAsync(cycleId, [.. spread.SelectMany((s, i) => InsightScenario.RatedByThreePeers($"q{i + 1}", s.L, s.M))]);
        await org.CloseCycleAsync(cycleId);
        return (org, cycleId);
    }
}
