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

        // Responders: the counted raters, whose two sheets are both valid. p4 (a valid leadership sheet, no management
        // sheet) is not one, and nothing it sent shows anywhere.
        var responders = r.GetProperty("responders");
        Assert.Equal([1, 1, 3, 2, 0, 6], new[] { "self", "manager", "peer", "directReport", "other", "others" }
            .Select(g => responders.GetProperty(g).GetInt32()));
        Assert.False(r.GetProperty("suppressed").GetBoolean());

        var others = r.GetProperty("others");
        // Leadership over boss 4, p1 4, p2 3, p3 3, dave 14/3, erin 4: sum 68/3, n 6, mean 34/9.
        // Deviations in ninths: +2 (×3), −7 (×2), +8 → Σ² = (12 + 98 + 64)/81 = 174/81; variance = 174/81/5 = 174/405.
        Statistic(others.GetProperty("leadership"), 34.0 / 9, 6, 174.0 / 405, T5);
        // Management over the same six: 3, 2, 3, 3.5, 4, 3.5 → 19/6; deviations in sixths −1, −7, −1, 2, 5, 2 →
        // Σ² = 84/36; variance = 84/36/5 = 7/15.
        Statistic(others.GetProperty("management"), 19.0 / 6, 6, 7.0 / 15, T5);
        // Gap per counted rater: 1, 2, 0, −0.5, 2/3, 0.5 → 11/18 (= 34/9 − 19/6). In 18ths: 18, 36, 0, −9, 12, 9;
        // deviations 7, 25, −11, −20, 1, −2 → Σ² = 1200/324; variance = 1200/324/5 = 20/27.
        // ci = 11/18 ± T5·√(20/27)/√6 ≈ [−0.292, 1.514] → not significant.
        Statistic(others.GetProperty("gap"), 11.0 / 18, 6, 20.0 / 27, T5, significant: false);

        // Self: L (5 + 4)/2 = 4.5 (2 of 3 scored is valid), M 3, gap 1.5.
        var self = r.GetProperty("self");
        Near(4.5, self.GetProperty("leadership"));
        Near(3, self.GetProperty("management"));
        Near(1.5, self.GetProperty("gap"));
        var svo = r.GetProperty("selfVsOthers");
        Near(4.5 - (34.0 / 9), svo.GetProperty("leadership"));
        Near(3 - (19.0 / 6), svo.GetProperty("management"));
        Near(1.5 - (11.0 / 18), svo.GetProperty("gap"));

        // Groups: n manager 1, peer 3, directReport 2, other 0 → peer shows; hidden H = 3 ≥ k, done.
        // A shown group shows all three statistics, over its counted raters p1, p2, p3.
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
        // Peer management: 2, 3, 3.5 → 17/6; deviations −5/6, 1/6, 4/6 → Σ² = 42/36, var 7/12.
        Statistic(groups[1].GetProperty("management"), 17.0 / 6, 3, 7.0 / 12, T2);
        // Peer gap: 2, 0, −0.5 → 0.5; deviations 1.5, −0.5, −1 → Σ² 3.5, var 1.75.
        Statistic(groups[1].GetProperty("gap"), 0.5, 3, 1.75, T2, significant: false);

        // Behaviors, by the pieces rule. Parts: the peer group (p1, p2, p3) and the hidden remainder (boss, dave, erin).
        // Leadership: every counted rater scored all three → one piece per part, 3 each: all six are in.
        // Management: among the peers p1 left directing-workflows blank → pieces of 2 and 1, none ≥ 3 (the rest, 3, is
        // not 1..2, so the part is not "left out", but no piece is in); the remainder is one piece of 3 → in.
        Assert.Equal(0, r.GetProperty("behaviorsHidden").GetArrayLength());
        var behaviors = r.GetProperty("behaviors").EnumerateArray().ToList();
        Assert.Equal(["active-listening", "empathy", "building-trust", "organizing-projects", "directing-workflows"],
            behaviors.Select(b => b.GetProperty("key").GetString()));
        Assert.Equal(["leadership", "leadership", "leadership", "management", "management"],
            behaviors.Select(b => b.GetProperty("dimension").GetString()));
        // active-listening: 4, 4, 3, 2, 5, 4 → 11/3; Σx² = 86, SS = 86 − 484/6 = 16/3, var = 16/15. (p4's 5 is not counted.)
        Behavior(behaviors[0], 11.0 / 3, 6, 16.0 / 15, [0, 1, 1, 3, 1], self: 5);
        // empathy: 4, 5, 3, 3, 5, 4 → 4; SS = 4, var 0.8.
        Behavior(behaviors[1], 4, 6, 0.8, [0, 0, 2, 2, 2], self: 4);
        // building-trust: 4, 3, 3, 4, 4, 4 → 11/3; SS = 82 − 484/6 = 4/3, var 4/15. Self left it blank.
        Behavior(behaviors[2], 11.0 / 3, 6, 4.0 / 15, [0, 0, 2, 4, 0], self: null);
        // organizing-projects: boss 3, dave 4, erin 4 → 11/3; SS 6/9, var 1/3.
        Behavior(behaviors[3], 11.0 / 3, 3, 1.0 / 3, [0, 0, 1, 2, 0], self: 3);
        // directing-workflows: 3, 4, 3 → 10/3; var 1/3.
        Behavior(behaviors[4], 10.0 / 3, 3, 1.0 / 3, [0, 0, 2, 1, 0], self: 3);

        Assert.Equal("leaderAndManager", r.GetProperty("quadrant").GetString());

        // The counted raters' non-blank comments only (never self's, never p4's), in an order unrelated to time or relationship.
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
        Assert.Equal(["leadership", "management"], r.GetProperty("behaviorsHidden").EnumerateArray().Select(d => d.GetString()));
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
