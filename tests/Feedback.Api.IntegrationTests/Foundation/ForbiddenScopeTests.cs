namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>A 403 says what was missing, so a developer can fix the key instead of guessing.</summary>
[Collection(ApiCollection.Name)]
public sealed class ForbiddenScopeTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns403NamingReportsRead_WhenAKeyWithoutItReadsAReport()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("people:write", "cycles:write");

        var response = await client.GetAsync($"/v1/cycles/{Guid.NewGuid()}/reports/gaps");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("reports:read", problem.GetProperty("detail").GetString());
        Assert.Equal(["reports:read", "admin"], problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Returns403NamingEveryScopeThatWouldDo_WhenAnOperationAcceptsSeveral()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("ratings:write");

        var response = await client.GetAsync("/v1/people");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("reports:read", detail);
        Assert.Contains("people:write", detail);
        Assert.Contains("admin", problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Returns403NamingRatingsWrite_WhenAKeyWithoutItSubmitsASheet()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("ann", null), ("bob", null));
        var cycle = await org.CreateCycleAsync();
        var assignment = await org.AssignAsync(cycle, "ann", "bob", "other");
        var client = await org.ClientWithScopesAsync("cycles:write");

        var response = await client.PutAsJsonAsync($"/v1/cycles/{cycle}/assignments/{assignment.Id}/leadership", new { scores = new { } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("ratings:write", problem.GetProperty("detail").GetString());
        Assert.Equal(["ratings:write", "admin"], problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Returns403SayingARaterTokenIsNeeded_WhenAnApiKeyReadsAssignmentsMe()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.GetAsync("/v1/assignments/me");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("rater token", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("requiredScopes", out _));
    }
}
