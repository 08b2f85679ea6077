using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Reports;

[Collection(ApiCollection.Name)]
public sealed class PersonReportTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ShowsEveryFigureComputedByHand()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var client = await org.ClientWithScopesAsync("reports:read");

        var response = await client.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var r = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cycleId, r.GetProperty("cycleId").GetGuid());
        Assert.Equal(3, r.GetProperty("anonymityThreshold").GetInt32());
        Assert.Equal(1, r.GetProperty("scaleMin").GetInt32());
        Assert.Equal(5, r.GetProperty("scaleMax").GetInt32());
        var subject = r.GetProperty("subject");
        Assert.Equal("alice", subject.GetProperty("externalId").GetString());
        Assert.Equal("Alice Adams", subject.GetProperty("displayName").GetString());
        Assert.Equal("Eng", subject.GetProperty("department").GetString());
        Assert.True(subject.GetProperty("isManager").GetBoolean()); // dave and erin report to alice

        // Responders: a rater with a valid dimension score. p4 (1 of 3 leadership scored, no management) is not one.
        var responders = r.GetProperty("responders");
        Assert.Equal([1, 1, 3, 2, 0, 6], new[] { "self", "manager", "peer", "directReport", "other", "others" }
            .Select(g => responders.GetProperty(g).GetInt32()));
        Assert.False(r.GetProperty("suppressed").GetBoolean());

        var others = r.GetProperty("others");
        // Leadership over boss 4, p1 4, p2 3, p3 3, dave 14/3, erin 4: sum 68/3, n 6, mean 34/9.
        // Deviations in ninths: +2 (×3), −7 (×2), +8 → Σ² = (12 + 98 + 64)/81 = 174/81; variance = 174/81/5 = 174/405.
        Statistic(others.GetProperty("leadership"), 34.0 / 9, 6, 174.0 / 405, 2.570582);
        // Management over boss 3, p1 2, p2 3, p3 3.5, dave 4: mean 3.1; Σ² = .01 + 1.21 + .01 + .16 + .81 = 2.2; var 0.55.
        Statistic(others.GetProperty("management"), 3.1, 5, 0.55, T4);
        // Gap per rater with both valid: boss 1, p1 2, p2 0, p3 −0.5, dave 2/3 → sum 19/6, mean 19/30.
        // In 30ths: 30, 60, 0, −15, 20; deviations 11, 41, −19, −34, 1 → Σ² = 3320/900; var = 3320/900/4 = 83/90.
        // ci = 19/30 ± T4·√(83/90)/√5 ≈ [−0.559, 1.826] → not significant.
        Statistic(others.GetProperty("gap"), 19.0 / 30, 5, 83.0 / 90, T4, significant: false);

        // Self: L (5 + 4)/2 = 4.5 (2 of 3 scored is valid), M 3, gap 1.5.
        var self = r.GetProperty("self");
        Near(4.5, self.GetProperty("leadership"));
        Near(3, self.GetProperty("management"));
        Near(1.5, self.GetProperty("gap"));
        var svo = r.GetProperty("selfVsOthers");
        Near(4.5 - (34.0 / 9), svo.GetProperty("leadership"));
        Near(3 - 3.1, svo.GetProperty("management"));
        Near(1.5 - (19.0 / 30), svo.GetProperty("gap"));

        // Groups. Leadership n: manager 1, peer 3, directReport 2, other 0 → peer shows; hidden H = 3 ≥ k, done.
        // Management n: manager 1, peer 3, directReport 1 → peer shows, H = 2 (0 < H < k) → hide peer too; same for gap.
        var groups = r.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["manager", "peer", "directReport", "other"], groups.Select(g => g.GetProperty("relationship").GetString()));
        Assert.Equal([1, 3, 2, 0], groups.Select(g => g.GetProperty("responders").GetInt32()));
        Assert.Equal([true, false, true, true], groups.Select(g => g.GetProperty("suppressed").GetBoolean()));
        foreach (var hidden in new[] { groups[0], groups[2], groups[3] })
        {
            Assert.All(new[] { "leadership", "management", "gap" }, f => Assert.Equal(JsonValueKind.Null, hidden.GetProperty(f).ValueKind));
        }

        // Peer leadership: 4, 3, 3 → 10/3; deviations 2/3, −1/3, −1/3 → Σ² = 6/9, var 1/3.
        Statistic(groups[1].GetProperty("leadership"), 10.0 / 3, 3, 1.0 / 3, T2);
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("management").ValueKind);
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("gap").ValueKind);

        // Behaviors: every non-null score from others' sheets (p4's too), in cycle order.
        var behaviors = r.GetProperty("behaviors").EnumerateArray().ToList();
        Assert.Equal(["active-listening", "empathy", "building-trust", "organizing-projects", "directing-workflows"],
            behaviors.Select(b => b.GetProperty("key").GetString()));
        Assert.Equal(["leadership", "leadership", "leadership", "management", "management"],
            behaviors.Select(b => b.GetProperty("dimension").GetString()));
        // active-listening: 4, 4, 3, 2, 5, 5, 4 → 27/7; Σx² = 111, SS = 111 − 729/7 = 48/7, var = 8/7.
        Behavior(behaviors[0], 27.0 / 7, 7, 8.0 / 7, [0, 1, 1, 3, 2], self: 5);
        // empathy: 4, 5, 3, 3, 5, 4 → 4; SS = 100 − 96 = 4, var 0.8.
        Behavior(behaviors[1], 4, 6, 0.8, [0, 0, 2, 2, 2], self: 4);
        // building-trust: 4, 3, 3, 4, 4, 4 → 11/3; SS = 82 − 484/6 = 4/3, var 4/15. Self left it blank.
        Behavior(behaviors[2], 11.0 / 3, 6, 4.0 / 15, [0, 0, 2, 4, 0], self: null);
        // organizing-projects: 3, 2, 3, 3, 4 → 3; SS 2, var 0.5.
        Behavior(behaviors[3], 3, 5, 0.5, [0, 1, 3, 1, 0], self: 3);
        // directing-workflows: 3, 3, 4, 4 (p1 left it blank) → 3.5; SS 1, var 1/3.
        Behavior(behaviors[4], 3.5, 4, 1.0 / 3, [0, 0, 2, 2, 0], self: 3);

        Assert.Equal("leaderAndManager", r.GetProperty("quadrant").GetString());

        // Others' non-blank comments only (never self's), in an order unrelated to time or relationship.
        var comments = r.GetProperty("comments");
        Assert.Equal(["Clear direction", "Listens, really"], comments.GetProperty("leadership").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal(["Plans well"], comments.GetProperty("management").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task HidesEveryOthersFigure_WhenFewerThanKOthersResponded()
    {
        var (org, cycleId) = await BuildClosedAsync(api);

        var r = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/people/erin");

        Assert.True(r.GetProperty("suppressed").GetBoolean());
        Assert.Equal(2, r.GetProperty("responders").GetProperty("others").GetInt32());
        Assert.Equal(1, r.GetProperty("responders").GetProperty("self").GetInt32());
        foreach (var field in new[] { "others", "selfVsOthers", "quadrant", "comments" })
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty(field).ValueKind);
        }

        Assert.All(r.GetProperty("groups").EnumerateArray(), g => Assert.True(g.GetProperty("suppressed").GetBoolean()));
        Assert.All(r.GetProperty("behaviors").EnumerateArray(), b =>
        {
            Assert.Equal(JsonValueKind.Null, b.GetProperty("score").ValueKind);
            Assert.Equal(JsonValueKind.Null, b.GetProperty("distribution").ValueKind);
            Assert.Equal(3, b.GetProperty("self").GetInt32());
        });
        Near(3, r.GetProperty("self").GetProperty("leadership"));
        Near(0, r.GetProperty("self").GetProperty("gap"));
    }

    [Fact]
    public async Task DoesNotChange_AfterLaterOrgChartEdits()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var before = await org.Admin.GetStringAsync($"/v1/cycles/{cycleId}/reports/people/alice");

        // alice moves department and is renamed; her two reports leave, so she is no longer a manager.
        await org.EditPersonAsync("alice", "Alice Zed", "Ops", active: true);
        await org.EditPersonAsync("dave", "Dave Diaz", "Eng", active: false);
        await org.EditPersonAsync("erin", "Erin Evans", "Eng", active: false);

        var after = await org.Admin.GetStringAsync($"/v1/cycles/{cycleId}/reports/people/alice");
        Assert.Equal(before, after);
        var subject = JsonDocument.Parse(after).RootElement.GetProperty("subject");
        Assert.Equal("Alice Adams", subject.GetProperty("displayName").GetString());
        Assert.Equal("Eng", subject.GetProperty("department").GetString());
        Assert.True(subject.GetProperty("isManager").GetBoolean());

        var eng = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?department=Eng&isManager=true");
        Assert.Equal(["alice"], eng.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()));
    }

    [Fact]
    public async Task CarriesAnETag_AndAnswers304ToIt()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var url = $"/v1/cycles/{cycleId}/reports/people/alice";

        var first = await org.Admin.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Private);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var second = await org.Admin.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        var other = new HttpRequestMessage(HttpMethod.Get, url);
        other.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"stale\""));
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.SendAsync(other)).StatusCode);

        // Another subject's report is another representation.
        var bob = await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/bob");
        Assert.NotEqual(etag, bob.Headers.ETag);
    }

    private static void Behavior(JsonElement b, double score, int n, double variance, int[] distribution, int? self)
    {
        Near(score, b.GetProperty("score"));
        Assert.Equal(n, b.GetProperty("n").GetInt32());
        Near(Math.Sqrt(variance), b.GetProperty("sd"));
        var d = b.GetProperty("distribution");
        Assert.Equal(["1", "2", "3", "4", "5"], d.EnumerateObject().Select(p => p.Name));
        Assert.Equal(distribution, d.EnumerateObject().Select(p => p.Value.GetInt32()));
        if (self is null)
        {
            Assert.Equal(JsonValueKind.Null, b.GetProperty("self").ValueKind);
        }
        else
        {
            Assert.Equal(self, b.GetProperty("self").GetInt32());
        }
    }
}
