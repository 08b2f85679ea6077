using Feedback.Api.Domain;

namespace Feedback.Api.IntegrationTests.Assignments;

[Collection(ApiCollection.Name)]
public sealed class MyAssignmentTests(FeedbackApiFactory api)
{
    private async Task<(TestOrganization Org, Guid Cycle)> SetUpAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var cycle = await org.CreateCycleAsync(new
        {
            name = "Spring",
            behaviors = new[] { "directing-workflows", "empathy", "building-trust", "organizing-projects" },
            scaleMin = 0,
            scaleMax = 7,
        });
        return (org, cycle);
    }

    [Fact]
    public async Task ShowsTheRaterWhomTheyRate_OnWhichBehaviors_WithNoSheetsYet()
    {
        var (org, cycle) = await SetUpAsync();
        var (id, token) = await org.AssignAsync(cycle, "ann", "bob", "peer");

        var me = await api.ClientWithToken(token).GetFromJsonAsync<JsonElement>("/v1/assignments/me");

        Assert.Equal(id, me.GetProperty("assignmentId").GetGuid());
        Assert.Equal(cycle, me.GetProperty("cycleId").GetGuid());
        Assert.Equal("Spring", me.GetProperty("cycleName").GetString());
        Assert.Equal("draft", me.GetProperty("cycleStatus").GetString());
        Assert.Equal("peer", me.GetProperty("relationship").GetString());
        Assert.Equal("ann", me.GetProperty("subject").GetProperty("externalId").GetString());
        Assert.Equal("Name of ann", me.GetProperty("subject").GetProperty("displayName").GetString());
        Assert.Equal(0, me.GetProperty("scaleMin").GetInt32());
        Assert.Equal(7, me.GetProperty("scaleMax").GetInt32());
        var behaviors = me.GetProperty("behaviors");
        Assert.Equal(["empathy", "building-trust"], behaviors.GetProperty("leadership").EnumerateArray().Select(b => b.GetProperty("key").GetString()));
        Assert.Equal(["directing-workflows", "organizing-projects"], behaviors.GetProperty("management").EnumerateArray().Select(b => b.GetProperty("key").GetString()));
        var empathy = behaviors.GetProperty("leadership")[0];
        Assert.Equal("Empathy", empathy.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(empathy.GetProperty("description").GetString()));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("sheets").GetProperty("leadership").ValueKind);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("sheets").GetProperty("management").ValueKind);
    }

    [Fact]
    public async Task ShowsTheRatersOwnCurrentSheets_InCycleOrder_AndNobodyElses()
    {
        var (org, cycle) = await SetUpAsync();
        var (mine, token) = await org.AssignAsync(cycle, "ann", "bob", "peer");
        var (other, otherToken) = await org.AssignAsync(cycle, "boss", "bob", "directReport");
        await org.TransitionAsync(cycle, "open");
        await org.SeedSheetAsync(cycle, mine, Dimension.Leadership, "{\"building-trust\": 6, \"empathy\": null}", "Listens well");
        await org.SeedSheetAsync(cycle, other, Dimension.Management, "{\"directing-workflows\": 2, \"organizing-projects\": 3}", "secret about boss");

        var response = await api.ClientWithToken(token).GetAsync("/v1/assignments/me");
        var text = await response.Content.ReadAsStringAsync();
        var me = JsonDocument.Parse(text).RootElement;

        var sheet = me.GetProperty("sheets").GetProperty("leadership");
        Assert.Equal(mine, sheet.GetProperty("assignmentId").GetGuid());
        Assert.Equal("leadership", sheet.GetProperty("dimension").GetString());
        Assert.Equal(["empathy", "building-trust"], sheet.GetProperty("scores").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, sheet.GetProperty("scores").GetProperty("empathy").ValueKind);
        Assert.Equal(6, sheet.GetProperty("scores").GetProperty("building-trust").GetInt32());
        Assert.Equal("Listens well", sheet.GetProperty("comment").GetString());
        Assert.Equal(1, sheet.GetProperty("revision").GetInt32());
        Assert.True(sheet.TryGetProperty("submittedAt", out _));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("sheets").GetProperty("management").ValueKind);
        Assert.DoesNotContain(other.ToString(), text);
        Assert.DoesNotContain("secret about boss", text);

        var theirs = await api.ClientWithToken(otherToken).GetFromJsonAsync<JsonElement>("/v1/assignments/me");
        Assert.Equal(other, theirs.GetProperty("assignmentId").GetGuid());
        Assert.Equal("boss", theirs.GetProperty("subject").GetProperty("externalId").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("sheets").GetProperty("leadership").ValueKind);
    }

    [Fact]
    public async Task StillAnswersAfterTheCycleCloses()
    {
        var (org, cycle) = await SetUpAsync();
        var (_, token) = await org.AssignAsync(cycle, "ann", "ann", "self");
        await org.TransitionAsync(cycle, "open");
        await org.TransitionAsync(cycle, "close");

        var me = await api.ClientWithToken(token).GetFromJsonAsync<JsonElement>("/v1/assignments/me");

        Assert.Equal("closed", me.GetProperty("cycleStatus").GetString());
        Assert.Equal("self", me.GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task Returns403_ForAnApiKey()
    {
        var (org, _) = await SetUpAsync();
        await (await org.Admin.GetAsync("/v1/assignments/me")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returns401_WithoutAToken()
    {
        await (await api.ClientWithToken(null).GetAsync("/v1/assignments/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LetsARaterTokenReadNoOtherAssignmentOrCycleData()
    {
        var (org, cycle) = await SetUpAsync();
        var (_, token) = await org.AssignAsync(cycle, "ann", "bob", "peer");
        var rater = api.ClientWithToken(token);

        await (await rater.GetAsync($"/v1/cycles/{cycle}/assignments")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync($"/v1/cycles/{cycle}/assignments?raterExternalId=bob")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync($"/v1/cycles/{cycle}/progress")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await rater.GetAsync($"/v1/cycles/{cycle}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
