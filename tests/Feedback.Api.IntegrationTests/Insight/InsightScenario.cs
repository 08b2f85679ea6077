using Feedback.Api.Domain;
using Feedback.Api.IntegrationTests.Reports;

namespace Feedback.Api.IntegrationTests.Insight;

/// <summary>
/// Cycles for the insight tests. Every rater submits both sheets with every behavior scored, so each figure is plain
/// arithmetic whatever the finer rules of the person report. Cycle behaviors: 3 leadership, 2 management (ReportSeed), k = 3.
/// </summary>
public static class InsightScenario
{
    public static readonly string[] Raters = ["p1", "p2", "p3"];

    /// <summary>Three leadership scores summing to <paramref name="sum"/> (3..15): a rater's leadership score is sum/3.</summary>
    public static int?[] LeadershipSumming(int sum) => [sum / 3, (sum + 1) / 3, (sum + 2) / 3];

    /// <summary>Each subject rated identically by p1, p2, p3: others' leadership = l, management = m, gap = l − m.</summary>
    public static IEnumerable<SeedRating> RatedByThreePeers(string subject, int?[] leadership, int?[] management) =>
        Raters.Select(r => new SeedRating(subject, r, Relationship.Peer, leadership, management));

    /// <summary>
    /// Ten reportable non-managers s1..s10 with others' leadership (i + 2)/3 (1.0, 1.33, …, 4.0) and management 3
    /// (gap = leadership − 3), plus x1, a subject with two raters (suppressed, so never in any insight figure).
    /// </summary>
    public static async Task<(TestOrganization Org, Guid CycleId)> TenSubjectsAsync(FeedbackApiFactory api, bool close = true)
    {
        var org = await api.CreateOrganizationAsync();
        var people = Enumerable.Range(1, 10).Select(i => new SeedPerson($"s{i}", $"Subject {i}", "Pool"))
            .Concat([new SeedPerson("x1", "Hidden One", "Pool")])
            .Concat(Raters.Select(r => new SeedPerson(r, $"Rater {r}", "Raters")))
            .ToArray();
        await org.SeedPeopleAsync(people);
        var cycleId = await org.CreateOpenCycleAsync("Outcomes cycle");
        var ratings = Enumerable.Range(1, 10).SelectMany(i => RatedByThreePeers($"s{i}", LeadershipSumming(i + 2), [3, 3]))
            .Concat(Raters.Take(2).Select(r => new SeedRating("x1", r, Relationship.Peer, [5, 5, 5], [1, 1])))
            .ToArray();
        await org.RateAsync(cycleId, ratings);
        if (close)
        {
            await org.CloseCycleAsync(cycleId);
        }

        return (org, cycleId);
    }

    public static double LeadershipOf(int i) => (i + 2) / 3.0;
}
