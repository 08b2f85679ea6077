using Feedback.Api.IntegrationTests.Reports;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class OutcomeReportTests(FeedbackApiFactory api)
{
    private static JsonElement Item(JsonElement report, string outcome, string with) =>
        report.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("outcome").GetString() == outcome && i.GetProperty("with").GetString() == with);

    [Fact]
    public async Task CorrelatesEachOutcome_WithLeadershipManagementAndGap_OverReportableSubjectsOnly()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        // s_i: others' leadership (i + 2)/3, management 3, gap (i + 2)/3 − 3 — all linear in i, so r is r(i, outcome).
        // productivity = i with neighbours swapped: 2, 1, 4, 3, … → r = ρ = 31/33, t = 7.75 on 8 df (worked in
        // CorrelationsTests). Engagement for s1..s9 only: n = 9, below 10. Retention 0/1. x1 (suppressed) has outcomes
        // that would ruin every figure if it were counted.
        double[] productivity = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9];
        double[] retention = [0, 1, 0, 0, 1, 1, 0, 1, 1, 1];
        var rows = Enumerable.Range(1, 10).Select(i => (object)new
        {
            externalId = $"s{i}",
            productivity = productivity[i - 1],
            engagement = i <= 9 ? (double?)(i * i) : null,
            retention = retention[i - 1],
        }).Append(new { externalId = "x1", productivity = 1000.0, engagement = (double?)-1000, retention = 0.0 });
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", rows)).StatusCode);

        var response = await (await org.ClientWithScopesAsync("reports:read")).GetAsync($"/v1/cycles/{cycleId}/reports/outcomes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cycleId, report.GetProperty("cycleId").GetGuid());
        Assert.Equal(10, report.GetProperty("minimumN").GetInt32());
        Assert.Equal(9, report.GetProperty("items").GetArrayLength());

        const double r = 31.0 / 33;
        const double c = 128.0 / 1089;
        var p = 1 - (r * (1 + (c / 2) + (3 * c * c / 8) + (15 * c * c * c / 48)));
        var half = 1.959964 / Math.Sqrt(7);
        foreach (var with in new[] { "leadership", "gap" })
        {
            var item = Item(report, "productivity", with);
            Assert.Equal(10, item.GetProperty("n").GetInt32());
            Assert.Equal("pearson", item.GetProperty("method").GetString());
            Near(r, item.GetProperty("pearson"), 1e-9);
            Near(r, item.GetProperty("spearman"), 1e-9);
            Near(p, item.GetProperty("pValue"), 1e-9);
            Near(Math.Tanh((2.5 * Math.Log(2)) - half), item.GetProperty("pearsonCi95")[0], 1e-5);
            Near(Math.Tanh((2.5 * Math.Log(2)) + half), item.GetProperty("pearsonCi95")[1], 1e-5);
        }

        // Management is 3 for everyone: it does not vary, so there is no correlation to show (n is still shown).
        var management = Item(report, "productivity", "management");
        Assert.Equal(10, management.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, management.GetProperty("pearson").ValueKind);

        var engagement = Item(report, "engagement", "leadership");
        Assert.Equal(9, engagement.GetProperty("n").GetInt32());
        foreach (var field in new[] { "pearson", "pearsonCi95", "spearman", "pValue" })
        {
            Assert.Equal(JsonValueKind.Null, engagement.GetProperty(field).ValueKind);
        }

        // Retention 0/1: the point-biserial r = (M1 − M0)/s·√(pq), s the population sd of leadership (a second formula).
        var leadership = Enumerable.Range(1, 10).Select(InsightScenario.LeadershipOf).ToArray();
        var stayed = leadership.Where((_, i) => retention[i] == 1).ToArray();
        var left = leadership.Where((_, i) => retention[i] == 0).ToArray();
        var mean = leadership.Average();
        var s = Math.Sqrt(leadership.Sum(v => (v - mean) * (v - mean)) / 10);
        var pointBiserial = (stayed.Average() - left.Average()) / s * Math.Sqrt(0.6 * 0.4);
        var retained = Item(report, "retention", "leadership");
        Assert.Equal("pointBiserial", retained.GetProperty("method").GetString());
        Near(pointBiserial, retained.GetProperty("pearson"), 1e-9);

        // No managers here: the groups show their n (0) and nothing else.
        var groups = report.GetProperty("groups").GetProperty("productivity");
        Assert.Equal(0, groups.GetProperty("managersWhoArentLeaders").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, groups.GetProperty("difference").ValueKind);
    }

    [Fact]
    public async Task Groups_CompareManagersWhoArentLeaders_WithTheOtherManagers_ByWelch()
    {
        // 20 reportable managers (each has an active report): m1..m10 leadership 2, m11..m20 leadership 4, management 3.
        // Median leadership (2 + 4)/2 = 3: m1..m10 are managersWhoArentLeaders. Productivity 1..10 for them, 3..12 for the
        // others: means 5.5 and 7.5, both s² = 82.5/9; difference −2, se = √(2·(82.5/9)/10) = √1.8333 = 1.354006,
        // df = 2·(n − 1) = 18 (equal n and spread), t(0.975, 18) = 2.100922 → −2 ± 2.844665 = [−4.844665, 0.844665].
        var org = await api.CreateOrganizationAsync();
        var managers = Enumerable.Range(1, 20).Select(i => new SeedPerson($"m{i}", $"Manager {i}", "Ops")).ToList();
        await org.SeedPeopleAsync([.. managers, .. Enumerable.Range(1, 20).Select(i => new SeedPerson($"d{i}", $"Report {i}", "Ops", $"m{i}")),
            .. InsightScenario.Raters.Select(r => new SeedPerson(r, r))]);
        var cycleId = await org.CreateOpenCycleAsync("Managers");
        await org.RateAsync(cycleId, [.. Enumerable.Range(1, 20).SelectMany(i =>
            InsightScenario.RatedByThreePeers($"m{i}", i <= 10 ? [2, 2, 2] : [4, 4, 4], [3, 3]))]);
        await org.CloseCycleAsync(cycleId);
        var rows = Enumerable.Range(1, 20).Select(i => new { externalId = $"m{i}", productivity = i <= 10 ? i : i - 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", rows)).StatusCode);

        var report = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/outcomes");
        var productivity = report.GetProperty("groups").GetProperty("productivity");
        var low = productivity.GetProperty("managersWhoArentLeaders");
        var high = productivity.GetProperty("otherManagers");
        Assert.Equal(10, low.GetProperty("n").GetInt32());
        Near(5.5, low.GetProperty("mean"));
        Near(Math.Sqrt(82.5 / 9), low.GetProperty("sd"));
        Near(7.5, high.GetProperty("mean"));
        var difference = productivity.GetProperty("difference");
        Near(-2, difference.GetProperty("difference"));
        Near(18, difference.GetProperty("degreesOfFreedom"), 1e-9);
        Near(-2 - (2.100922 * 1.354006), difference.GetProperty("ci95")[0], 1e-5);
        Near(-2 + (2.100922 * 1.354006), difference.GetProperty("ci95")[1], 1e-5);
        Assert.False(difference.GetProperty("significant").GetBoolean());

        var engagement = report.GetProperty("groups").GetProperty("engagement");
        Assert.Equal(0, engagement.GetProperty("otherManagers").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, engagement.GetProperty("otherManagers").GetProperty("mean").ValueKind);
    }

    [Fact]
    public async Task Returns409_BeforeClose_And404_ForAnotherOrganization()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api, close: false);
        var stranger = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/outcomes")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await stranger.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/outcomes")).AssertProblemAsync(HttpStatusCode.NotFound);
        var writer = await org.ClientWithScopesAsync("cycles:write");
        await (await writer.GetAsync($"/v1/cycles/{cycleId}/reports/outcomes")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ETag_ChangesWhenAnOutcomeIsRecorded()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var url = $"/v1/cycles/{cycleId}/reports/outcomes";
        var first = await org.Admin.GetAsync(url);
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await org.Admin.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 1 })).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.SendAsync(stale)).StatusCode);
    }
}
