namespace Feedback.Api.IntegrationTests.Ratings;

/// <summary>Sheets over cycles and assignments made through the HTTP API, end to end.</summary>
[Collection(ApiCollection.Name)]
public sealed class SheetLifecycleTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task SheetsFollowTheCyclesOwnBehaviorsAndScale_AndStopAtClose()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"));
        var cycleId = await org.CreateCycleAsync(new
        {
            name = "Custom cycle",
            behaviors = new[] { "empathy", "building-trust", "organizing-projects" },
            scaleMin = 0,
            scaleMax = 7,
        });
        var (assignmentId, token) = await org.AssignAsync(cycleId, "ann", "boss", "manager");
        var rater = api.ClientWithToken(token);
        var url = $"/v1/cycles/{cycleId}/assignments/{assignmentId}/leadership";
        var valid = new { scores = new Dictionary<string, int?> { ["empathy"] = 0, ["building-trust"] = 7 } };

        await (await rater.PutAsJsonAsync(url, valid)).AssertProblemAsync(HttpStatusCode.Conflict); // still a draft
        await org.TransitionAsync(cycleId, "open");
        var etag = (await org.Admin.GetAsync($"/v1/cycles/{cycleId}")).Headers.ETag;

        var submitted = await rater.PutAsJsonAsync(url, valid);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var sheet = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        // The rater reads back the receipt the PUT answered, never the scores.
        var mine = (await rater.GetFromJsonAsync<JsonElement>("/v1/assignments/me")).GetProperty("sheets").GetProperty("leadership");
        foreach (var field in new[] { "revision", "submittedAt" })
        {
            Assert.Equal(sheet.GetProperty(field).ToString(), mine.GetProperty(field).ToString());
        }

        Assert.False(mine.TryGetProperty("scores", out _));
        // A behavior of the catalog that this cycle does not ask about is unknown here; 8 is past this cycle's scale.
        var invalid = await rater.PutAsJsonAsync(url,
            new { scores = new Dictionary<string, int?> { ["empathy"] = 8, ["building-trust"] = 1, ["active-listening"] = 3 } });
        await invalid.AssertValidationProblemAsync("scores.empathy", "scores.active-listening");
        var management = await rater.PutAsJsonAsync($"/v1/cycles/{cycleId}/assignments/{assignmentId}/management",
            new { scores = new Dictionary<string, int?> { ["organizing-projects"] = null } });
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);

        // Submissions read the cycle (and its foreign keys lock the row FOR KEY SHARE), which must not change its version (ETag).
        Assert.Equal(etag, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}")).Headers.ETag);
        await org.TransitionAsync(cycleId, "close");

        var late = await rater.PutAsJsonAsync(url, valid);
        var problem = await late.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
