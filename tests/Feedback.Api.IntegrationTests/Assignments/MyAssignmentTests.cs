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
    public async Task SaysWhichSheetsAreSubmitted_WithRevisionAndTime_ButNeverTheirContent()
    {
        var (org, cycle) = await SetUpAsync();
        var (mine, token) = await org.AssignAsync(cycle, "ann", "bob", "peer");
        var (other, otherToken) = await org.AssignAsync(cycle, "boss", "bob", "directReport");
        await org.TransitionAsync(cycle, "open");
        var rater = api.ClientWithToken(token);
        var body = new { scores = new Dictionary<string, int?> { ["empathy"] = null, ["building-trust"] = 6 }, comment = "Listens-well-7f3a" };
        Assert.Equal(HttpStatusCode.OK, (await rater.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{mine}/leadership", body)).StatusCode);
        var again = await rater.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{mine}/leadership", body);
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
        await org.SeedSheetAsync(cycle, other, Dimension.Management, "{\"directing-workflows\": 2, \"organizing-projects\": 3}", "secret about boss");

        var response = await rater.GetAsync("/v1/assignments/me");
        var text = await response.Content.ReadAsStringAsync();
        var me = JsonDocument.Parse(text).RootElement;

        // API.md, "Smaller rules": sheets: {leadership: {revision, submittedAt} or null, management: …}.
        Assert.Equal(["assignmentId", "cycleId", "cycleName", "cycleStatus", "relationship", "subject", "scaleMin", "scaleMax", "behaviors", "sheets"],
            me.EnumerateObject().Select(p => p.Name));
        var sheets = me.GetProperty("sheets");
        Assert.Equal(["leadership", "management"], sheets.EnumerateObject().Select(p => p.Name));
        var sheet = sheets.GetProperty("leadership");
        Assert.Equal(["revision", "submittedAt"], sheet.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, sheet.GetProperty("revision").GetInt32());
        Assert.Equal(receipt.GetProperty("submittedAt").GetDateTimeOffset(), sheet.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, sheets.GetProperty("management").ValueKind);
        Assert.DoesNotContain("Listens-well-7f3a", text);
        Assert.DoesNotContain("\"scores\"", text);
        Assert.DoesNotContain("\"comment\"", text);
        Assert.DoesNotContain(other.ToString(), text);
        Assert.DoesNotContain("secret about boss", text);

        var theirs = await api.ClientWithToken(otherToken).GetFromJsonAsync<JsonElement>("/v1/assignments/me");
        Assert.Equal(other, theirs.GetProperty("assignmentId").GetGuid());
        Assert.Equal("boss", theirs.GetProperty("subject").GetProperty("externalId").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("sheets").GetProperty("leadership").ValueKind);
        Assert.Equal(["revision", "submittedAt"], theirs.GetProperty("sheets").GetProperty("management").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("secret about boss", theirs.GetRawText());
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
