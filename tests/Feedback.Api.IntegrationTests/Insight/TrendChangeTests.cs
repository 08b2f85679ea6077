using Feedback.Api.Domain;
using Feedback.Api.IntegrationTests.Reports;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class TrendChangeTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task EachPointAfterTheFirst_CarriesTheGapChange_WithAWelchInterval()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(new SeedPerson("t", "Tess"), new SeedPerson("p1", "P1"), new SeedPerson("p2", "P2"), new SeedPerson("p3", "P3"));

        // Cycle 1: raters' gaps 4 − 2 = 2, 2, 5 − 2 = 3 → mean 7/3, s² = ((1/3)²·2 + (2/3)²)/2 = 1/3, n 3.
        var first = await org.CreateOpenCycleAsync("One");
        await org.RateAsync(first,
            new SeedRating("t", "p1", Relationship.Peer, [4, 4, 4], [2, 2]),
            new SeedRating("t", "p2", Relationship.Peer, [4, 4, 4], [2, 2]),
            new SeedRating("t", "p3", Relationship.Peer, [5, 5, 5], [2, 2]));
        await org.CloseCycleAsync(first);
        // Cycle 2: gaps 0, 0, 1 → mean 1/3, s² = 1/3, n 3. Change 1/3 − 7/3 = −2; se = √(1/9 + 1/9) = √2/3 = 0.471405;
        // df = (2/9)² / ((1/9)²/2 + (1/9)²/2) = 4; t(0.975, 4) = 2.776445 → −2 ± 1.308820 = [−3.308820, −0.691180]: significant.
        var second = await org.CreateOpenCycleAsync("Two");
        await org.RateAsync(second,
            new SeedRating("t", "p1", Relationship.Peer, [3, 3, 3], [3, 3]),
            new SeedRating("t", "p2", Relationship.Peer, [3, 3, 3], [3, 3]),
            new SeedRating("t", "p3", Relationship.Peer, [4, 4, 4], [3, 3]));
        await org.CloseCycleAsync(second);
        // Cycle 3: two raters, suppressed: no gap, so no change either.
        var third = await org.CreateOpenCycleAsync("Three");
        await org.RateAsync(third,
            new SeedRating("t", "p1", Relationship.Peer, [3, 3, 3], [3, 3]),
            new SeedRating("t", "p2", Relationship.Peer, [3, 3, 3], [3, 3]));
        await org.CloseCycleAsync(third);

        var points = (await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/t/reports/trend")).EnumerateArray().ToList();

        Assert.Equal(3, points.Count);
        Assert.Equal(JsonValueKind.Null, points[0].GetProperty("gapChange").ValueKind);
        var change = points[1].GetProperty("gapChange");
        Assert.Equal(first, change.GetProperty("fromCycleId").GetGuid());
        Near(-2, change.GetProperty("difference"));
        Near(4, change.GetProperty("degreesOfFreedom"), 1e-9);
        Near(-2 - (T4 * Math.Sqrt(2) / 3), change.GetProperty("ci95")[0], 1e-5);
        Near(-2 + (T4 * Math.Sqrt(2) / 3), change.GetProperty("ci95")[1], 1e-5);
        Assert.True(change.GetProperty("significant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, points[2].GetProperty("gapChange").ValueKind);
    }
}
