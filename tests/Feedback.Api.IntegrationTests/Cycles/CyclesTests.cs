namespace Feedback.Api.IntegrationTests.Cycles;

[Collection(ApiCollection.Name)]
public sealed class CyclesTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task CreatesADraftWithTheDefaults()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.DeleteAsync("/v1/behaviors/empathy");
        var client = await org.ClientWithScopesAsync("cycles:write");

        var response = await client.PostAsJsonAsync("/v1/cycles", new { name = "2026 H1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cycle = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = cycle.GetProperty("id").GetGuid();
        Assert.Equal(7, id.Version);
        Assert.Equal($"/v1/cycles/{id}", response.Headers.Location?.ToString());
        Assert.Equal("2026 H1", cycle.GetProperty("name").GetString());
        Assert.Equal("draft", cycle.GetProperty("status").GetString());
        Assert.Equal(
            ["active-listening", "guiding-conversations", "implementing-vision", "building-trust",
             "organizing-projects", "managing-resources", "directing-workflows"],
            cycle.GetProperty("behaviors").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(1, cycle.GetProperty("scaleMin").GetInt32());
        Assert.Equal(5, cycle.GetProperty("scaleMax").GetInt32());
        Assert.Equal(3, cycle.GetProperty("anonymityThreshold").GetInt32());
        Assert.True(cycle.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(JsonValueKind.Null, cycle.GetProperty("openedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, cycle.GetProperty("closedAt").ValueKind);
        Assert.False(cycle.TryGetProperty("version", out _));
        Assert.False(cycle.TryGetProperty("eTag", out _));
    }

    [Fact]
    public async Task CreatesACycleWithExplicitSettings_KeepingTheBehaviorOrderGiven()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.PostAsJsonAsync("/v1/cycles", new
        {
            name = "Pilot",
            behaviors = new[] { "directing-workflows", "empathy", "building-trust" },
            scaleMin = 0,
            scaleMax = 10,
            anonymityThreshold = 10,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cycle = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["directing-workflows", "empathy", "building-trust"], cycle.GetProperty("behaviors").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(0, cycle.GetProperty("scaleMin").GetInt32());
        Assert.Equal(10, cycle.GetProperty("scaleMax").GetInt32());
        Assert.Equal(10, cycle.GetProperty("anonymityThreshold").GetInt32());

        var read = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle.GetProperty("id").GetGuid()}");
        Assert.Equal(cycle.ToString(), read.ToString());
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x\",\"scaleMin\":2}", "scaleMin")]
    [InlineData("{\"name\":\"x\",\"scaleMin\":-1}", "scaleMin")]
    [InlineData("{\"name\":\"x\",\"scaleMax\":2}", "scaleMax")]
    [InlineData("{\"name\":\"x\",\"scaleMax\":11}", "scaleMax")]
    [InlineData("{\"name\":\"x\",\"anonymityThreshold\":1}", "anonymityThreshold")]
    [InlineData("{\"name\":\"x\",\"anonymityThreshold\":2}", "anonymityThreshold")] // either rater could read the other's answers
    [InlineData("{\"name\":\"x\",\"anonymityThreshold\":11}", "anonymityThreshold")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[]}", "behaviors")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[\"empathy\",\"organizing-projects\",\"empathy\"]}", "behaviors[2]")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[\"empathy\",\"Bad Key\"]}", "behaviors[1]")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[\"empathy\",\"organizing-projects\",\"no-such-behavior\"]}", "behaviors[2]")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[\"empathy\",\"active-listening\"]}", "behaviors")]
    [InlineData("{\"name\":\"x\",\"behaviors\":[\"managing-resources\"]}", "behaviors")]
    public async Task Returns400_ForInvalidSettings(string json, string field)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/cycles", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationProblemAsync(field);
        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/cycles");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Returns400_ForARetiredBehavior()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.DeleteAsync("/v1/behaviors/empathy");

        var response = await org.Admin.PostAsJsonAsync("/v1/cycles",
            new { name = "x", behaviors = new[] { "organizing-projects", "empathy" } });

        var problem = await response.AssertValidationProblemAsync("behaviors[1]");
        Assert.Contains("retired", problem.GetProperty("errors").GetProperty("behaviors[1]")[0].GetString());
    }

    [Fact]
    public async Task Returns400_WhenEveryBehaviorOfADimensionIsRetired_AndNoneAreListed()
    {
        var org = await api.CreateOrganizationAsync();
        foreach (var key in new[] { "organizing-projects", "managing-resources", "directing-workflows" })
        {
            await org.Admin.DeleteAsync($"/v1/behaviors/{key}");
        }

        var response = await org.Admin.PostAsJsonAsync("/v1/cycles", new { name = "x" });

        await response.AssertValidationProblemAsync("behaviors");
    }

    [Fact]
    public async Task ListsNewestFirst_PageByPage_WithAStatusFilter()
    {
        var org = await api.CreateOrganizationAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await org.CreateCycleAsync(new { name = $"cycle {i}" }));
        }

        await org.TransitionAsync(ids[1], "open");
        var reader = await org.ClientWithScopesAsync("reports:read");

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/v1/cycles?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var open = await reader.GetFromJsonAsync<JsonElement>("/v1/cycles?status=open");
        Assert.Equal([ids[1]], open.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("status=finished", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=@@nope@@", "cursor")]
    public async Task Returns400_ForBadListParameters(string query, string field)
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync($"/v1/cycles?{query}")).AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Returns404_ForAnotherOrganizationsCycle_AndListsNoneOfThem()
    {
        var mine = await api.CreateOrganizationAsync();
        var theirs = await api.CreateOrganizationAsync();
        var theirCycle = await theirs.CreateCycleAsync();

        await (await mine.Admin.GetAsync($"/v1/cycles/{theirCycle}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mine.Admin.PostAsync($"/v1/cycles/{theirCycle}/open", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mine.Admin.PostAsync($"/v1/cycles/{theirCycle}/close", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await mine.Admin.GetFromJsonAsync<JsonElement>("/v1/cycles");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());

        var stillDraft = await theirs.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{theirCycle}");
        Assert.Equal("draft", stillDraft.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/cycles/not-a-guid")]
    [InlineData("POST", "/v1/cycles/not-a-guid/open")]
    [InlineData("GET", "/v1/cycles/12345/assignments")]
    [InlineData("GET", "/v1/cycles/00000000-0000-0000-0000-000000000000")]
    public async Task Returns404_ForAnIdThatIsNoCycle(string method, string path)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns403_ForKeysWithoutTheScope_AndForRaterTokens()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("a", null));
        var cycle = await org.CreateCycleAsync();
        var (_, raterToken) = await org.AssignAsync(cycle, "a", "a", "self");
        var reader = await org.ClientWithScopesAsync("reports:read");
        var people = await org.ClientWithScopesAsync("people:write");
        var rater = api.ClientWithToken(raterToken);

        await (await reader.PostAsJsonAsync("/v1/cycles", new { name = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsync($"/v1/cycles/{cycle}/open", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await people.GetAsync($"/v1/cycles/{cycle}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync($"/v1/cycles/{cycle}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync("/v1/cycles")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync("/v1/behaviors")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/cycles/{cycle}")).StatusCode);
    }
}
