namespace Feedback.Api.IntegrationTests.People;

/// <summary>Who may call the people endpoints, and that another organization's people stay invisible.</summary>
[Collection(ApiCollection.Name)]
public sealed class PeopleAccessTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task AnotherOrganizationsKeyGets404_ForEveryOperationOnAPerson()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var tag = (await org.Admin.GetAsync("/v1/people/e-1")).Headers.ETag!.Tag;
        var other = await api.CreateOrganizationAsync();

        await (await other.Admin.GetAsync("/v1/people/e-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Admin.DeleteAsync("/v1/people/e-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await UpsertPersonTests.SendWithIfMatchAsync(other.Admin, "e-1", tag, new { displayName = "Hijack" }))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        // A plain PUT from the other organization creates its own e-1 and leaves ours alone.
        Assert.Equal(HttpStatusCode.Created, (await other.Admin.PutPersonAsync("e-1", new { displayName = "Theirs" })).StatusCode);
        var ours = await org.Admin.GetPersonAsync("e-1");
        Assert.Equal("Person e-1", ours.GetProperty("displayName").GetString());
        Assert.True(ours.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("reports:read")]
    [InlineData("cycles:write")]
    [InlineData("ratings:write")]
    public async Task Returns403_ForWritesWithoutPeopleWrite(string scope)
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var client = await org.ClientWithScopesAsync(scope);

        await (await client.PutPersonAsync("e-2", new { displayName = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/v1/people/e-1")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.ImportJsonAsync(new[] { new { externalId = "e-3", displayName = "x" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.True((await org.Admin.GetPersonAsync("e-1")).GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("cycles:write")]
    [InlineData("ratings:write")]
    public async Task Returns403_ForReadsWithoutReportsReadOrPeopleWrite(string scope)
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var client = await org.ClientWithScopesAsync(scope);

        await (await client.GetAsync("/v1/people/e-1")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/v1/people")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PeopleWriteMayWriteAndRead()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("people:write");

        Assert.Equal(HttpStatusCode.Created, (await client.PutPersonAsync("e-1", new { displayName = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ImportJsonAsync(new[] { new { externalId = "e-2", displayName = "y" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/v1/people/e-2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/people/e-1")).StatusCode);
    }

    [Fact]
    public async Task Returns401_WithoutAToken()
    {
        var client = api.ClientWithToken(null);
        await (await client.GetAsync("/v1/people")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PutPersonAsync("e-1", new { displayName = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
