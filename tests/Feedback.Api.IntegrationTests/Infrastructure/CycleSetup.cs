namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>Cycles and assignments made through the HTTP API, for tests of everything built on them.</summary>
public static class CycleSetup
{
    public static async Task<Guid> CreateCycleAsync(this TestOrganization org, object? body = null)
    {
        var response = await org.Admin.PostAsJsonAsync("/v1/cycles", body ?? new { name = "Test cycle" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task TransitionAsync(this TestOrganization org, Guid cycleId, string action)
    {
        var response = await org.Admin.PostAsync($"/v1/cycles/{cycleId}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Creates an assignment; returns its id and the rater token.</summary>
    public static async Task<(Guid Id, string Token)> AssignAsync(this TestOrganization org, Guid cycleId, string subject, string rater, string relationship)
    {
        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments",
            new { subjectExternalId = subject, raterExternalId = rater, relationship });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("raterToken").GetString()!);
    }
}
