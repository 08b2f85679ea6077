using Feedback.Api.Domain;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Reports;

[Collection(ApiCollection.Name)]
public sealed class TrendTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ListsClosedCyclesOldestFirst_WithOthersScoresAndGap()
    {
        var (org, first) = await BuildClosedAsync(api);
        // A second closed cycle where only two peers rate alice: suppressed, so every figure is null.
        var second = await org.CreateOpenCycleAsync("2026 H2");
        await org.RateAsync(second,
            new SeedRating("alice", "p1", Relationship.Peer, [4, 4, 4], [4, 4]),
            new SeedRating("alice", "p2", Relationship.Peer, [4, 4, 4], [4, 4]));
        await org.CloseCycleAsync(second);
        // A third, still open: not in the trend.
        var open = await org.CreateOpenCycleAsync("2027 H1");
        await org.RateAsync(open, new SeedRating("alice", "p1", Relationship.Peer, [4, 4, 4], [4, 4]));

        var response = await (await org.ClientWithScopesAsync("reports:read")).GetAsync("/v1/people/alice/reports/trend");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal([first, second], points.Select(p => p.GetProperty("cycleId").GetGuid()));
        Assert.Equal(["2026 H1", "2026 H2"], points.Select(p => p.GetProperty("cycleName").GetString()));
        Assert.True(points[0].GetProperty("closedAt").GetDateTimeOffset() <= points[1].GetProperty("closedAt").GetDateTimeOffset());

        // As in alice's person report: L 34/9, M 19/6, gap 11/18 over 6 counted raters with variance 20/27.
        Assert.False(points[0].GetProperty("suppressed").GetBoolean());
        Near(34.0 / 9, points[0].GetProperty("leadership"));
        Near(19.0 / 6, points[0].GetProperty("management"));
        Statistic(points[0].GetProperty("gap"), 11.0 / 18, 6, 20.0 / 27, T5, significant: false);

        Assert.True(points[1].GetProperty("suppressed").GetBoolean());
        foreach (var field in new[] { "leadership", "management", "gap" })
        {
            Assert.Equal(JsonValueKind.Null, points[1].GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task IsEmpty_ForAPersonWhoWasNeverASubject()
    {
        var (org, _) = await BuildClosedAsync(api);
        Assert.Equal("[]", await org.Admin.GetStringAsync("/v1/people/p5/reports/trend"));
    }

    [Fact]
    public async Task Returns404_ForAnUnknownPerson_OrOneOfAnotherOrganization()
    {
        var (org, _) = await BuildClosedAsync(api);
        var stranger = await api.CreateOrganizationAsync();

        await (await org.Admin.GetAsync("/v1/people/nobody/reports/trend")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync("/v1/people/alice/reports/trend")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CarriesAnETag_ThatChangesWhenAnotherCycleCloses()
    {
        var (org, _) = await BuildClosedAsync(api);
        var first = await org.Admin.GetAsync("/v1/people/alice/reports/trend");
        Assert.True(first.Headers.CacheControl?.Private);

        var again = new HttpRequestMessage(HttpMethod.Get, "/v1/people/alice/reports/trend");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await org.Admin.SendAsync(again)).StatusCode);

        var next = await org.CreateOpenCycleAsync("2026 H2");
        await org.RateAsync(next, new SeedRating("alice", "p1", Relationship.Peer, [4, 4, 4], [4, 4]));
        await org.CloseCycleAsync(next);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/v1/people/alice/reports/trend");
        stale.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await org.Admin.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }
}
