namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class DeactivatePersonTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task DeactivatesButKeepsThePerson()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        await org.Admin.PutPersonOkAsync("e-1", manager: "boss", department: "Eng");

        var response = await org.Admin.DeleteAsync("/v1/people/e-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var person = await org.Admin.GetPersonAsync("e-1");
        Assert.False(person.GetProperty("active").GetBoolean());
        Assert.Equal("boss", person.GetProperty("managerExternalId").GetString());
        Assert.Equal("Eng", person.GetProperty("department").GetString());
    }

    [Fact]
    public async Task IsANoOp_WhenThePersonIsAlreadyInactive()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync("/v1/people/e-1")).StatusCode);
        var tag = (await org.Admin.GetAsync("/v1/people/e-1")).Headers.ETag;

        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync("/v1/people/e-1")).StatusCode);
        Assert.Equal(tag, (await org.Admin.GetAsync("/v1/people/e-1")).Headers.ETag);
    }

    [Fact]
    public async Task APutWithoutActiveReactivates()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        await org.Admin.DeleteAsync("/v1/people/e-1");

        var person = await org.Admin.PutPersonOkAsync("e-1");

        Assert.True(person.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Returns404_ForAnUnknownPerson()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.DeleteAsync("/v1/people/nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns400_ForABadExternalId()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.DeleteAsync("/v1/people/bad%20id")).AssertValidationProblemAsync("externalId");
    }

    [Fact]
    public async Task Returns412_WhenIfMatchIsStale()
    {
        var org = await api.CreateOrganizationAsync();
        var stale = (await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada" })).Headers.ETag!.Tag;
        await org.Admin.PutPersonOkAsync("e-1", department: "Eng");

        var request = new HttpRequestMessage(HttpMethod.Delete, "/v1/people/e-1");
        request.Headers.TryAddWithoutValidation("If-Match", stale);
        await (await org.Admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.True((await org.Admin.GetPersonAsync("e-1")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Deactivates_WhenIfMatchIsCurrent()
    {
        var org = await api.CreateOrganizationAsync();
        var tag = (await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada" })).Headers.ETag!.Tag;

        var request = new HttpRequestMessage(HttpMethod.Delete, "/v1/people/e-1");
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.SendAsync(request)).StatusCode);
        Assert.False((await org.Admin.GetPersonAsync("e-1")).GetProperty("active").GetBoolean());
    }
}
