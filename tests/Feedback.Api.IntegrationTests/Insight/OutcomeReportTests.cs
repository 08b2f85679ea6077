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

        // No managers here, and 5 + 5 non-managers on either side of the median: counts only, no means.
        var managers = report.GetProperty("groups").GetProperty("managersWhoArentLeaders").GetProperty("productivity");
        Assert.Equal(0, managers.GetProperty("group").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, managers.GetProperty("difference").ValueKind);
        var leaders = report.GetProperty("groups").GetProperty("leadersWhoArentManagers").GetProperty("productivity");
        Assert.Equal(5, leaders.GetProperty("group").GetProperty("n").GetInt32());
        Assert.Equal(5, leaders.GetProperty("rest").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, leaders.GetProperty("group").GetProperty("mean").ValueKind);
    }

    [Fact]
    public async Task Groups_CompareEachSeedGroupWithTheRestOfItsKind_ByWelch()
    {
        // 20 reportable managers (each has an active report) and 20 non-managers; in each kind 10 have leadership 2 and
        // 10 leadership 4 (management 3). Median leadership over the 40: (2 + 4)/2 = 3.
        //
        // managersWhoArentLeaders = managers with leadership 2: productivity 1..10; the other managers 3..12.
        //   Means 5.5 and 7.5, both s² = 82.5/9; difference −2, se = √(2·(82.5/9)/10) = √1.8333 = 1.354006,
        //   df = 2·(n − 1) = 18 (equal n and spread), t(0.975, 18) = 2.100922 → −2 ± 2.844665 = [−4.844665, 0.844665].
        // leadersWhoArentManagers = non-managers with leadership 4: productivity 2, 4, …, 20; the other non-managers 1..10.
        //   Means 11 and 5.5; s² = 4·82.5/9 = 36.667 and 9.1667, s²/n = 3.6667 and 0.91667; difference 5.5,
        //   se = √4.58333 = 2.140872; df = 4.58333² / (3.6667²/9 + 0.91667²/9) = 21.0069/1.587191 = 13.2353, whose
        //   t quantile lies between t(0.975, 14) = 2.144787 and t(0.975, 13) = 2.160369 (tables).
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync([
            .. Enumerable.Range(1, 20).Select(i => new SeedPerson($"m{i}", $"Manager {i}", "Ops")),
            .. Enumerable.Range(1, 20).Select(i => new SeedPerson($"d{i}", $"Report {i}", "Ops", $"m{i}")),
            .. Enumerable.Range(1, 20).Select(i => new SeedPerson($"n{i}", $"Individual {i}", "Ops")),
            .. InsightScenario.Raters.Select(r => new SeedPerson(r, r))]);
        var cycleId = await org.CreateOpenCycleAsync("Managers");
        int?[] Leadership(int i) => i <= 10 ? [2, 2, 2] : [4, 4, 4];
        await org.RateAsync(cycleId, [
            .. Enumerable.Range(1, 20).SelectMany(i => InsightScenario.RatedByThreePeers($"m{i}", Leadership(i), [3, 3])),
            .. Enumerable.Range(1, 20).SelectMany(i => InsightScenario.RatedByThreePeers($"n{i}", Leadership(i), [3, 3]))]);
        await org.CloseCycleAsync(cycleId);
        var rows = Enumerable.Range(1, 20).Select(i => new { externalId = $"m{i}", productivity = i <= 10 ? i : i - 8.0 })
            .Concat(Enumerable.Range(1, 20).Select(i => new { externalId = $"n{i}", productivity = i <= 10 ? i : 2.0 * (i - 10) }));
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", rows)).StatusCode);

        var report = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/outcomes");
        var managers = report.GetProperty("groups").GetProperty("managersWhoArentLeaders").GetProperty("productivity");
        Assert.Equal(10, managers.GetProperty("group").GetProperty("n").GetInt32());
        Near(5.5, managers.GetProperty("group").GetProperty("mean"));
        Near(Math.Sqrt(82.5 / 9), managers.GetProperty("group").GetProperty("sd"));
        Near(7.5, managers.GetProperty("rest").GetProperty("mean"));
        var difference = managers.GetProperty("difference");
        Near(-2, difference.GetProperty("difference"));
        Near(18, difference.GetProperty("degreesOfFreedom"), 1e-9);
        Near(-2 - (2.100922 * 1.354006), difference.GetProperty("ci95")[0], 1e-5);
        Near(-2 + (2.100922 * 1.354006), difference.GetProperty("ci95")[1], 1e-5);
        Assert.False(difference.GetProperty("significant").GetBoolean());

        var leaders = report.GetProperty("groups").GetProperty("leadersWhoArentManagers").GetProperty("productivity");
        Near(11, leaders.GetProperty("group").GetProperty("mean"));
        Near(5.5, leaders.GetProperty("rest").GetProperty("mean"));
        var gain = leaders.GetProperty("difference");
        Near(5.5, gain.GetProperty("difference"));
        Near(13.2353, gain.GetProperty("degreesOfFreedom"), 1e-3);
        var half = (gain.GetProperty("ci95")[1].GetDouble() - gain.GetProperty("ci95")[0].GetDouble()) / 2;
        Assert.InRange(half / 2.140872, 2.144787, 2.160369);
        Assert.True(gain.GetProperty("significant").GetBoolean());

        var engagement = report.GetProperty("groups").GetProperty("managersWhoArentLeaders").GetProperty("engagement");
        Assert.Equal(0, engagement.GetProperty("rest").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, engagement.GetProperty("rest").GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, engagement.GetProperty("difference").ValueKind);
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
