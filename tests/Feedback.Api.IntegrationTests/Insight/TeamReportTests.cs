using Feedback.Api.Data;
using Feedback.Api.IntegrationTests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class TeamReportTests(FeedbackApiFactory api)
{
    // k = 3. Subjects, each rated identically by p1..p3 (leadership, management, gap; department; manager):
    //   a1 4 2  2 Eng  boss    a2 3 3  0 Eng  boss    a3 5 4  1 Eng boss
    //   b1 2 4 −2 Sales a1     b2 3 2  1 Sales a1     b3 4 4  0 Sales a2    b4 1 1 0 Sales a2
    //   c1 5 5  0 Design –     c2 2 3 −1 Design –
    //   s0 Eng, two raters: suppressed, in no team.
    // Medians over the 9 reportable: leadership [1,2,2,3,3,4,4,5,5] → 3, management [1,2,2,3,3,4,4,4,5] → 3 (≥ = high):
    //   a1 leaderOnly, a2 leaderAndManager, a3 leaderAndManager, b1 managerOnly, b2 leaderOnly, b3 leaderAndManager,
    //   b4 developing, c1 leaderAndManager, c2 managerOnly.
    private static async Task<(TestOrganization Org, Guid CycleId)> BuildAsync(FeedbackApiFactory api)
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(
            new SeedPerson("boss", "Boss", "Exec"),
            new SeedPerson("a1", "A One", "Eng", "boss"), new SeedPerson("a2", "A Two", "Eng", "boss"), new SeedPerson("a3", "A Three", "Eng", "boss"),
            new SeedPerson("b1", "B One", "Sales", "a1"), new SeedPerson("b2", "B Two", "Sales", "a1"),
            new SeedPerson("b3", "B Three", "Sales", "a2"), new SeedPerson("b4", "B Four", "Sales", "a2"),
            new SeedPerson("c1", "C One", "Design"), new SeedPerson("c2", "C Two", "Design"),
            new SeedPerson("s0", "S Zero", "Eng", "boss"),
            new SeedPerson("p1", "P1"), new SeedPerson("p2", "P2"), new SeedPerson("p3", "P3"));
        var cycleId = await org.CreateOpenCycleAsync("Teams");
        (string Id, int L, int M)[] subjects = [("a1", 4, 2), ("a2", 3, 3), ("a3", 5, 4), ("b1", 2, 4), ("b2", 3, 2), ("b3", 4, 4), ("b4", 1, 1), ("c1", 5, 5), ("c2", 2, 3)];
        await org.RateAsync(cycleId, [
            .. subjects.SelectMany(s => InsightScenario.RatedByThreePeers(s.Id, [s.L, s.L, s.L], [s.M, s.M])),
            new SeedRating("s0", "p1", Feedback.Api.Domain.Relationship.Peer, [5, 5, 5], [1, 1]),
            new SeedRating("s0", "p2", Feedback.Api.Domain.Relationship.Peer, [5, 5, 5], [1, 1])]);
        await org.CloseCycleAsync(cycleId);
        return (org, cycleId);
    }

    private static void Team(JsonElement item, string? team, bool other, int teams, int subjects, double l, double m, double gap, int[] quadrants)
    {
        Assert.Equal(team, item.GetProperty("team").GetString());
        Assert.Equal(other, item.GetProperty("other").GetBoolean());
        Assert.Equal(teams, item.GetProperty("teams").GetInt32());
        Assert.Equal(subjects, item.GetProperty("subjects").GetInt32());
        Near(l, item.GetProperty("leadership"));
        Near(m, item.GetProperty("management"));
        Near(gap, item.GetProperty("gap"));
        var q = item.GetProperty("quadrants");
        Assert.Equal(quadrants, new[] { "leaderAndManager", "leaderOnly", "managerOnly", "developing" }.Select(n => q.GetProperty(n).GetInt32()));
    }

    [Fact]
    public async Task ByDepartment_FoldsTheSmallTeam_AndTheSmallestShownOneWithIt()
    {
        var (org, cycleId) = await BuildAsync(api);
        var report = await (await org.ClientWithScopesAsync("reports:read")).GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/teams?by=department");

        // Design (2) < k: folded. Other = Design alone would be 2 = summary − Eng − Sales, so Eng (3, the smallest shown)
        // folds too. Shown: Sales (b1..b4) L (2+3+4+1)/4 = 2.5, M (4+2+4+1)/4 = 2.75, gap (−2+1+0+0)/4 = −0.25.
        // Other (Eng + Design: a1 a2 a3 c1 c2): L 19/5, M 17/5, gap (2+0+1+0−1)/5 = 0.4.
        Assert.Equal("department", report.GetProperty("by").GetString());
        Assert.Equal(3, report.GetProperty("anonymityThreshold").GetInt32());
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Team(items[0], "Sales", false, 1, 4, 2.5, 2.75, -0.25, [1, 1, 1, 1]);
        Team(items[1], null, true, 2, 5, 19.0 / 5, 17.0 / 5, 0.4, [3, 1, 1, 0]);
    }

    [Fact]
    public async Task ByManager_UsesTheManagerAtClose()
    {
        var (org, cycleId) = await BuildAsync(api);
        // After close, b1 moves to boss: the closed cycle's teams do not change.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            var boss = await db.People.SingleAsync(p => p.OrganizationId == org.Id && p.ExternalId == "boss");
            await db.People.Where(p => p.OrganizationId == org.Id && p.ExternalId == "b1")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, boss.Id));
        }

        var report = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/teams?by=manager");

        // Teams: boss (a1 a2 a3) 3; a1 (b1 b2) 2; a2 (b3 b4) 2; none (c1 c2) 2. The three small ones fold into other (6 ≥ k).
        // boss: L 4, M 3, gap 1. Other (b1..b4, c1, c2): L 17/6, M 19/6, gap (−2+1+0+0+0−1)/6 = −1/3.
        Assert.Equal("manager", report.GetProperty("by").GetString());
        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Team(items[0], "boss", false, 1, 3, 4, 3, 1, [2, 1, 0, 0]);
        Team(items[1], null, true, 3, 6, 17.0 / 6, 19.0 / 6, -1.0 / 3, [2, 1, 2, 1]);
    }

    [Fact]
    public async Task ByManager_KeepsTheManagerAtClose_WhenTheReportsAreRecomputed()
    {
        var (org, cycleId) = await BuildAsync(api);
        var before = await org.Admin.GetStringAsync($"/v1/cycles/{cycleId}/reports/teams?by=manager");
        await using (var scope = api.Services.CreateAsyncScope())
        {
            // The org chart changes after close, then the reports are recomputed (as a start does after a rules change).
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            var boss = await db.People.SingleAsync(p => p.OrganizationId == org.Id && p.ExternalId == "boss");
            await db.People.Where(p => p.OrganizationId == org.Id && (p.ExternalId == "b1" || p.ExternalId == "c1"))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, boss.Id));
            await db.CycleReportSummaries.Where(c => c.CycleId == cycleId).ExecuteUpdateAsync(s => s.SetProperty(c => c.RulesVersion, 0));
            Assert.True(await scope.ServiceProvider.GetRequiredService<Feedback.Api.Features.Reports.ReportMaterializer>()
                .RecomputeAsync(org.Id, cycleId, CancellationToken.None));
        }

        Assert.Equal(before, await org.Admin.GetStringAsync($"/v1/cycles/{cycleId}/reports/teams?by=manager"));
    }

    [Fact]
    public async Task DefaultsToDepartment_AndRejectsAnotherGrouping()
    {
        var (org, cycleId) = await BuildAsync(api);
        var report = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/teams");
        Assert.Equal("department", report.GetProperty("by").GetString());
        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/teams?by=title")).AssertValidationProblemAsync("by");
    }

    [Fact]
    public async Task ACycleWithFewerThanKReportableSubjects_ShowsOnlyTheirCount()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(new SeedPerson("a", "A", "Eng"), new SeedPerson("b", "B", "Sales"),
            new SeedPerson("p1", "P1"), new SeedPerson("p2", "P2"), new SeedPerson("p3", "P3"));
        var cycleId = await org.CreateOpenCycleAsync("Tiny");
        await org.RateAsync(cycleId, [.. InsightScenario.RatedByThreePeers("a", [4, 4, 4], [2, 2]), .. InsightScenario.RatedByThreePeers("b", [2, 2, 2], [4, 4])]);
        await org.CloseCycleAsync(cycleId);

        var item = (await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/teams")).GetProperty("items").EnumerateArray().Single();
        Assert.True(item.GetProperty("other").GetBoolean());
        Assert.Equal(2, item.GetProperty("subjects").GetInt32());
        foreach (var field in new[] { "leadership", "management", "gap", "quadrants" })
        {
            Assert.Equal(JsonValueKind.Null, item.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task Returns409_BeforeClose()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api, close: false);
        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/teams")).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
