using System.Net.Http.Headers;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Reports;

[Collection(ApiCollection.Name)]
public sealed class GapReportTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task SummarizesTheWholeCycle_AndListsReportableSubjectsByGap()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var client = await org.ClientWithScopesAsync("reports:read");

        var r = await client.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps");

        Assert.Equal(cycleId, r.GetProperty("cycleId").GetGuid());
        var s = r.GetProperty("summary");
        Assert.Equal(9, s.GetProperty("subjects").GetInt32());
        Assert.Equal(7, s.GetProperty("reportable").GetInt32());
        Near(MedianLeadership, s.GetProperty("medianLeadership"));
        Near(MedianManagement, s.GetProperty("medianManagement"));
        Near(MeanGap, s.GetProperty("meanGap"));
        var q = s.GetProperty("quadrants");
        Assert.Equal([3, 1, 1, 2], new[] { "leaderAndManager", "leaderOnly", "managerOnly", "developing" }.Select(x => q.GetProperty(x).GetInt32()));
        Assert.Equal(1, s.GetProperty("managersWhoArentLeaders").GetInt32());
        Assert.Equal(3, s.GetProperty("leadersWhoArentManagers").GetInt32());

        var items = r.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(SortOrders["gap"], items.Select(i => i.GetProperty("externalId").GetString()));
        Assert.Equal(JsonValueKind.Null, r.GetProperty("nextCursor").ValueKind);

        var bob = items.Single(i => i.GetProperty("externalId").GetString() == "bob");
        Assert.Equal("Bob Brown", bob.GetProperty("displayName").GetString());
        Assert.Equal("Eng", bob.GetProperty("department").GetString());
        Assert.False(bob.GetProperty("isManager").GetBoolean());
        Near(13.0 / 3, bob.GetProperty("leadership"));
        Near(2, bob.GetProperty("management"));
        Assert.Equal("leaderOnly", bob.GetProperty("quadrant").GetString());
        // Gaps 2, 2, 3: mean 7/3, sd √(1/3), ci 7/3 ± T2·(1/3) = [0.899, 3.768], excludes 0.
        var gap = bob.GetProperty("gap");
        Near(7.0 / 3, gap.GetProperty("score"));
        Assert.Equal(3, gap.GetProperty("n").GetInt32());
        Near((7.0 / 3) - (T2 / 3), gap.GetProperty("ci95")[0], 1e-5);
        Near((7.0 / 3) + (T2 / 3), gap.GetProperty("ci95")[1], 1e-5);
        Assert.True(gap.GetProperty("significant").GetBoolean());

        var henry = items.Single(i => i.GetProperty("externalId").GetString() == "henry");
        // Three counted raters, each with gap 1: sd 0, ci [1, 1]. The one-sheet raters p4 (L 5) and p5 (M 1) change nothing.
        Near(4, henry.GetProperty("leadership"));
        Near(3, henry.GetProperty("management"));
        Near(1, henry.GetProperty("gap").GetProperty("score"));
        Assert.Equal(3, henry.GetProperty("gap").GetProperty("n").GetInt32());
        Assert.True(henry.GetProperty("gap").GetProperty("significant").GetBoolean());
        Assert.Equal("leaderAndManager", henry.GetProperty("quadrant").GetString()); // management 3 ties the median: high
        Assert.Equal("developing", items.Single(i => i.GetProperty("externalId").GetString() == "dave").GetProperty("quadrant").GetString());
        Assert.Equal("managerOnly", items.Single(i => i.GetProperty("externalId").GetString() == "carol").GetProperty("quadrant").GetString());
    }

    public static TheoryData<string> Sorts => ["gap", "-gap", "leadership", "-leadership", "management", "-management", "name"];

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task SortsWithTiesByExternalId_OnePageOrManyAlike(string sort)
    {
        var (org, cycleId) = await BuildClosedAsync(api);

        var whole = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?sort={Uri.EscapeDataString(sort)}");
        Assert.Equal(SortOrders[sort], Ids(whole));

        // Page by page (limit 2, then 1 to step through ties one at a time): the same order.
        foreach (var limit in new[] { 2, 1 })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await org.Admin.GetFromJsonAsync<JsonElement>(
                    $"/v1/cycles/{cycleId}/reports/gaps?sort={Uri.EscapeDataString(sort)}&limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}");
                Assert.True(page.GetProperty("items").GetArrayLength() <= limit);
                Assert.Equal(whole.GetProperty("summary").ToString(), page.GetProperty("summary").ToString());
                seen.AddRange(Ids(page));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            Assert.Equal(SortOrders[sort], seen);
        }
    }

    [Theory]
    [InlineData("department=Eng", new[] { "dave", "alice", "bob" })]
    [InlineData("department=Sales", new[] { "carol", "ivan", "henry", "jack" })]
    [InlineData("department=Nowhere", new string[0])]
    [InlineData("isManager=true", new[] { "carol", "alice" })]
    [InlineData("isManager=false", new[] { "dave", "ivan", "henry", "jack", "bob" })]
    [InlineData("quadrant=developing", new[] { "dave", "ivan" })]
    [InlineData("quadrant=leaderOnly", new[] { "bob" })]
    [InlineData("isManager=false&quadrant=leaderAndManager&sort=-leadership", new[] { "henry", "jack" })]
    public async Task Filters_WhileTheSummaryStillCoversTheWholeCycle(string query, string[] expected)
    {
        var (org, cycleId) = await BuildClosedAsync(api);

        var r = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?{query}");

        Assert.Equal(expected, Ids(r));
        Assert.Equal(7, r.GetProperty("summary").GetProperty("reportable").GetInt32());
    }

    [Fact]
    public async Task StreamsEveryFilteredRowAsCsv_IgnoringLimitAndCursor()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{cycleId}/reports/gaps?sort=name&limit=1&department=Sales");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await org.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("externalId,displayName,department,isManager,leadership,management,gap,gapCiLow,gapCiHigh,significant,quadrant", lines[0]);
        Assert.Equal("", lines[^1]); // every row ends with CRLF
        var rows = lines[1..^1];
        Assert.Equal(["henry", "carol", "ivan", "jack"], rows.Select(l => l.Split(',')[0])); // Aaron Henry, Carol Chen, Ivan Ives, Jones, Jack

        // Numbers invariant, round-trip; a quoted display name with a comma.
        Assert.Equal("henry,Aaron Henry,Sales,false,4,3,1,1,1,true,leaderAndManager", rows[0]);
        Assert.Equal("jack,\"Jones, Jack\",Sales,false,4,3,1,1,1,true,leaderAndManager", rows[3]);
        // carol: L 7/3, M 13/3, gap −2 with ci −2 ± T2/√3, not significant.
        var carol = rows[1].Split(',');
        Assert.Equal(["carol", "Carol Chen", "Sales", "true"], carol[..4]);
        Assert.Equal(7.0 / 3, double.Parse(carol[4], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(13.0 / 3, double.Parse(carol[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-2, double.Parse(carol[6], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(-2 - (T2 / Math.Sqrt(3)), double.Parse(carol[7], System.Globalization.CultureInfo.InvariantCulture), 5);
        Assert.Equal(-2 + (T2 / Math.Sqrt(3)), double.Parse(carol[8], System.Globalization.CultureInfo.InvariantCulture), 5);
        Assert.Equal(["false", "managerOnly"], carol[9..]);
    }

    [Fact]
    public async Task CarriesAnETagPerRepresentation_AndAnswers304ToIt()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var url = $"/v1/cycles/{cycleId}/reports/gaps?sort=name";

        var json = await org.Admin.GetAsync(url);
        Assert.True(json.Headers.CacheControl?.Private);
        Assert.Contains("Accept", json.Headers.Vary);
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, url);
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await org.Admin.SendAsync(csvRequest);
        Assert.NotNull(json.Headers.ETag);
        Assert.NotEqual(json.Headers.ETag, csv.Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(json.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await org.Admin.SendAsync(again)).StatusCode);

        var csvAgain = new HttpRequestMessage(HttpMethod.Get, url);
        csvAgain.Headers.Accept.ParseAdd("text/csv");
        csvAgain.Headers.IfNoneMatch.Add(csv.Headers.ETag!);
        var notModified = await org.Admin.SendAsync(csvAgain);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!).ToList();
}
