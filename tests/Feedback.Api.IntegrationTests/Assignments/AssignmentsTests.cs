namespace Feedback.Api.IntegrationTests.Assignments;

[Collection(ApiCollection.Name)]
public sealed class AssignmentsTests(FeedbackApiFactory api)
{
    private async Task<(TestOrganization Org, Guid Cycle)> SetUpAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        return (org, await org.CreateCycleAsync());
    }

    [Fact]
    public async Task CreatesAnAssignment_WithATokenShownOnce_ThatAuthenticatesAsTheRater()
    {
        var (org, cycle) = await SetUpAsync();
        var client = await org.ClientWithScopesAsync("cycles:write");

        var response = await client.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "boss", relationship = "manager" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, body.GetProperty("id").GetGuid().Version);
        Assert.Equal(cycle, body.GetProperty("cycleId").GetGuid());
        Assert.Equal("ann", body.GetProperty("subjectExternalId").GetString());
        Assert.Equal("boss", body.GetProperty("raterExternalId").GetString());
        Assert.Equal("manager", body.GetProperty("relationship").GetString());
        var token = body.GetProperty("raterToken").GetString()!;
        Assert.StartsWith("fbr_", token);

        var list = await client.GetStringAsync($"/v1/cycles/{cycle}/assignments");
        Assert.Contains(body.GetProperty("id").GetString()!, list);
        Assert.DoesNotContain(token, list);
        Assert.DoesNotContain("raterToken", list);
        await (await api.ClientWithToken(token).GetAsync("/v1/behaviors")).AssertProblemAsync(HttpStatusCode.Forbidden); // known token, wrong kind: 403 not 401
    }

    [Fact]
    public async Task AcceptsAssignmentsWhileTheCycleIsOpen()
    {
        var (org, cycle) = await SetUpAsync();
        await org.TransitionAsync(cycle, "open");
        await org.AssignAsync(cycle, "ann", "bob", "peer");
    }

    [Fact]
    public async Task Returns409_WhenTheCycleIsClosed()
    {
        var (org, cycle) = await SetUpAsync();
        await org.TransitionAsync(cycle, "open");
        await org.TransitionAsync(cycle, "close");

        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "peer" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Common.ProblemTypes.CycleClosed, problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Returns409_ForTheSameSubjectAndRaterTwice_EvenAsAnotherRelationship()
    {
        var (org, cycle) = await SetUpAsync();
        await org.AssignAsync(cycle, "ann", "bob", "peer");

        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "other" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var list = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AllowsTheSamePairInAnotherCycle()
    {
        var (org, cycle) = await SetUpAsync();
        await org.AssignAsync(cycle, "ann", "bob", "peer");
        var other = await org.CreateCycleAsync();
        await org.AssignAsync(other, "ann", "bob", "peer");
    }

    [Theory]
    [InlineData("ann", "ann", "peer", "relationship")]
    [InlineData("ann", "bob", "self", "relationship")]
    [InlineData("ann", "bob", null, "relationship")]
    [InlineData("ann", "nobody", "peer", "raterExternalId")]
    [InlineData("nobody", "bob", "peer", "subjectExternalId")]
    [InlineData("ann", "bad id!", "peer", "raterExternalId")]
    [InlineData("", "bob", "peer", "subjectExternalId")]
    public async Task Returns400_ForABadAssignment(string subject, string rater, string? relationship, string field)
    {
        var (org, cycle) = await SetUpAsync();

        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = subject, raterExternalId = rater, relationship });

        await response.AssertValidationProblemAsync(field);
        var list = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Returns400_ForAnUnknownRelationship()
    {
        var (org, cycle) = await SetUpAsync();
        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "friend" });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("subject", "subjectExternalId")]
    [InlineData("rater", "raterExternalId")]
    public async Task Returns400_WhenAPersonIsInactive(string who, string field)
    {
        var (org, cycle) = await SetUpAsync();
        await org.DeactivatePersonAsync(who == "subject" ? "ann" : "bob");

        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "peer" });

        var problem = await response.AssertValidationProblemAsync(field);
        Assert.Contains("not active", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Returns404_ForAnotherOrganizationsCycle_AndDoesNotUseTheirPeople()
    {
        var (theirs, theirCycle) = await SetUpAsync();
        await theirs.AssignAsync(theirCycle, "ann", "bob", "peer");
        var mine = await api.CreateOrganizationAsync();
        await mine.SeedPeopleAsync(("ann", null), ("bob", null));
        var myCycle = await mine.CreateCycleAsync();

        await (await mine.Admin.PostAsJsonAsync($"/v1/cycles/{theirCycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "other" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mine.Admin.GetAsync($"/v1/cycles/{theirCycle}/assignments")).AssertProblemAsync(HttpStatusCode.NotFound);

        // The same external ids resolve to my own people in my cycle.
        await mine.AssignAsync(myCycle, "ann", "bob", "peer");
        var theirList = await theirs.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{theirCycle}/assignments");
        Assert.Equal(1, theirList.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ListsByFilter_PageByPage()
    {
        var (org, cycle) = await SetUpAsync();
        var made = new List<Guid>
        {
            (await org.AssignAsync(cycle, "ann", "ann", "self")).Id,
            (await org.AssignAsync(cycle, "ann", "bob", "peer")).Id,
            (await org.AssignAsync(cycle, "ann", "boss", "manager")).Id,
            (await org.AssignAsync(cycle, "bob", "ann", "peer")).Id,
            (await org.AssignAsync(cycle, "boss", "ann", "directReport")).Id,
        };

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(made, seen);

        var ofAnn = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments?subjectExternalId=ann");
        Assert.Equal(made.Take(3), ofAnn.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        var byAnn = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments?raterExternalId=ann");
        Assert.Equal([made[0], made[3], made[4]], byAnn.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        var both = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments?subjectExternalId=boss&raterExternalId=ann");
        var only = Assert.Single(both.GetProperty("items").EnumerateArray());
        Assert.Equal("directReport", only.GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task Returns403_ForKeysWithoutCyclesWrite_AndRaterTokens()
    {
        var (org, cycle) = await SetUpAsync();
        var (_, token) = await org.AssignAsync(cycle, "ann", "bob", "peer");
        var reader = await org.ClientWithScopesAsync("reports:read");
        var body = new { subjectExternalId = "bob", raterExternalId = "ann", relationship = "peer" };

        await (await reader.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"/v1/cycles/{cycle}/assignments")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.ClientWithToken(token).GetAsync($"/v1/cycles/{cycle}/assignments")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await api.ClientWithToken(token).PostAsJsonAsync($"/v1/cycles/{cycle}/assignments", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
