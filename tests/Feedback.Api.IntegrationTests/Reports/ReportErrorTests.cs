using Feedback.Api.Domain;

namespace Feedback.Api.IntegrationTests.Reports;

[Collection(ApiCollection.Name)]
public sealed class ReportErrorTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns409_WhileTheCycleIsNotClosed()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(ReportScenario.People);
        var cycleId = await org.CreateOpenCycleAsync("open");
        await org.RateAsync(cycleId, ReportScenario.Ratings);

        var person = await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("https://feedback.example/problems/cycle-not-closed", person.GetProperty("type").GetString());
        var gaps = await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("https://feedback.example/problems/cycle-not-closed", gaps.GetProperty("type").GetString());
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{cycleId}/reports/gaps");
        csv.Headers.Accept.ParseAdd("text/csv");
        await (await org.Admin.SendAsync(csv)).AssertProblemAsync(HttpStatusCode.Conflict); // problem+json, though CSV was asked for
        Assert.Equal("[]", await org.Admin.GetStringAsync("/v1/people/alice/reports/trend"));
    }

    [Fact]
    public async Task Returns404_ForANonSubject_AnUnknownCycle_OrAnotherOrganizationsCycle()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        var stranger = await api.CreateOrganizationAsync();

        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/p1")).AssertProblemAsync(HttpStatusCode.NotFound); // a rater only
        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.GetAsync($"/v1/cycles/{Guid.NewGuid()}/reports/people/alice")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.GetAsync($"/v1/cycles/{Guid.NewGuid()}/reports/gaps")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("sort=score", "sort")]
    [InlineData("sort=Gap", "sort")]
    [InlineData("isManager=yes", "isManager")]
    [InlineData("quadrant=LeaderOnly", "quadrant")]
    [InlineData("quadrant=stars", "quadrant")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=@@not-a-cursor@@", "cursor")]
    [InlineData("cursor=bm90IG91cnM", "cursor")] // base64url of "not ours": one part, not four
    public async Task Returns400_ForABadSortFilterLimitOrCursor(string query, string field)
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps?{query}")).AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Returns400_ForACursorOfAnotherSort()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?sort=name&limit=2");
        var cursor = page.GetProperty("nextCursor").GetString();

        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps?sort=-gap&limit=2&cursor={cursor}")).AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Returns403_WithoutReportsRead()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        var writer = await org.ClientWithScopesAsync("people:write", "cycles:write");

        await (await writer.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.GetAsync("/v1/people/alice/reports/trend")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListsNoItems_ButASummary_ForACycleWithoutReportableSubjects()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(ReportScenario.People);
        var cycleId = await org.CreateOpenCycleAsync("thin");
        await org.RateAsync(cycleId, new SeedRating("alice", "p1", Relationship.Peer, [4, 4, 4], [4, 4]));
        await org.CloseCycleAsync(cycleId);

        var r = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps");

        Assert.Empty(r.GetProperty("items").EnumerateArray());
        var s = r.GetProperty("summary");
        Assert.Equal(1, s.GetProperty("subjects").GetInt32());
        Assert.Equal(0, s.GetProperty("reportable").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("medianLeadership").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("meanGap").ValueKind);
    }
}
