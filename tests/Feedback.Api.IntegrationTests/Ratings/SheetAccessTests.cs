using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Domain;

namespace Feedback.Api.IntegrationTests.Ratings;

/// <summary>The order of checks: 401 → 404 → 403 → 409 → 400.</summary>
[Collection(ApiCollection.Name)]
public sealed class SheetAccessTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData(null)]
    [InlineData("fbr_this-token-was-never-issued-by-anyone-0000")]
    [InlineData("fbk_this-key-was-never-issued-by-anyone-000000")]
    public async Task Returns401_WithoutAKnownToken(string? token)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var response = await api.ClientWithToken(token).PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("leadership")]
    [InlineData("management")]
    public async Task Returns404_ForTheRaterTokenOfAnotherAssignment(string dimension)
    {
        var org = await api.CreateOrganizationAsync();
        var mine = await org.AssignmentAsync();
        var theirs = await org.AssignmentAsync();

        var response = await mine.Rater.PutAsJsonAsync(theirs.Url(dimension), SeededAssignment.FullBody(dimension));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await theirs.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns404_ForAnotherOrganizationsAssignment_EvenWithAnAdminKey()
    {
        var theirs = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var mine = await api.CreateOrganizationAsync();

        var response = await mine.Admin.PutAsJsonAsync(theirs.Url("leadership"), SeededAssignment.FullBody("leadership"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await theirs.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns404_WhenTheAssignmentIsNotInTheCycleOfThePath()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var other = await org.AssignmentAsync();

        var response = await seeded.Rater.PutAsJsonAsync(
            $"/v1/cycles/{other.CycleId}/assignments/{seeded.AssignmentId}/leadership", SeededAssignment.FullBody("leadership"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns404_ForAnUnknownAssignment_BeforeTellingAKeyItLacksTheScope()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var reader = await org.ClientWithScopesAsync(Scopes.ReportsRead);

        var response = await reader.PutAsJsonAsync(
            $"/v1/cycles/{seeded.CycleId}/assignments/{Guid.NewGuid()}/leadership", SeededAssignment.FullBody("leadership"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Scopes.ReportsRead)]
    [InlineData(Scopes.CyclesWrite)]
    [InlineData(Scopes.PeopleWrite)]
    public async Task Returns403_ForAnApiKeyWithoutRatingsWrite(string scope)
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var client = await org.ClientWithScopesAsync(scope);

        var response = await client.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns403_BeforeTheCycleStateAndTheBody()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync(CycleStatus.Closed);
        var client = await org.ClientWithScopesAsync(Scopes.ReportsRead);

        var response = await client.PutAsync(seeded.Url("leadership"), SeededAssignment.Json("{\"scores\": 7"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(CycleStatus.Draft, "draft")]
    [InlineData(CycleStatus.Closed, "closed")]
    public async Task Returns409_WhenTheCycleIsNotOpen(CycleStatus status, string word)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync(status);

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.CycleNotOpen, problem.GetProperty("type").GetString());
        Assert.Contains(word, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Theory]
    [InlineData("{\"scores\": {\"nope\": \"x\"}}")]
    [InlineData("{\"scores\": ")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Returns409_WhenTheCycleIsClosed_WhateverTheBody(string body)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync(CycleStatus.Closed);

        var response = await seeded.Rater.PutAsync(seeded.Url("management"), SeededAssignment.Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.CycleNotOpen, problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Returns409_AfterTheCycleCloses_AndKeepsTheSheetAsItStood()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK,
            (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 3))).StatusCode);
        await seeded.SetStatusAsync(CycleStatus.Closed);

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 5));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var (sheets, history) = await seeded.StoredAsync();
        Assert.Equal(1, Assert.Single(sheets).Revision);
        Assert.Empty(history);
    }
}
