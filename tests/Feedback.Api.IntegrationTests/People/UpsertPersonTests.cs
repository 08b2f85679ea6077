namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class UpsertPersonTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns201WithLocationAndETag_WhenThePersonIsNew()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.PutPersonAsync("e-1", new
        {
            displayName = "  Ada Lovelace ", email = "ada@example.com", department = "Engineering", title = "Engineer",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/v1/people/e-1", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("e-1", body.GetProperty("externalId").GetString());
        Assert.Equal("Ada Lovelace", body.GetProperty("displayName").GetString());
        Assert.Equal("ada@example.com", body.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("managerExternalId").ValueKind);
        Assert.Equal("Engineering", body.GetProperty("department").GetString());
        Assert.Equal("Engineer", body.GetProperty("title").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.False(body.GetProperty("isManager").GetBoolean());
        Assert.Empty(body.GetProperty("directReports").EnumerateArray());
    }

    [Fact]
    public async Task Returns200AndReplacesEveryField_WhenThePersonExists()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        var first = await org.Admin.PutPersonAsync("e-1", new
        {
            displayName = "Ada", email = "ada@example.com", managerExternalId = "boss", department = "Eng", title = "Engineer", active = false,
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var second = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada L." });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ada L.", body.GetProperty("displayName").GetString());
        foreach (var field in new[] { "email", "managerExternalId", "department", "title" })
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty(field).ValueKind);
        }

        Assert.True(body.GetProperty("active").GetBoolean()); // omitted active becomes true
    }

    [Fact]
    public async Task KeepsTheETag_WhenNothingChanged()
    {
        var org = await api.CreateOrganizationAsync();
        var body = new { displayName = "Ada", department = "Eng" };
        var first = await org.Admin.PutPersonAsync("e-1", body);
        var again = await org.Admin.PutPersonAsync("e-1", body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task AcceptsABodyExternalId_ThatMatchesThePath()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync("e-1", new { externalId = "e-1", displayName = "Ada" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Returns400_WhenTheBodyExternalIdDiffersFromThePath()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync("e-1", new { externalId = "e-2", displayName = "Ada" });
        await response.AssertValidationProblemAsync("externalId");
        await AssertAbsentAsync(org, "e-1");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("slash%2Fin")]
    [InlineData("caf%C3%A9")]
    [InlineData("hash%23")]
    public async Task Returns400_ForAnExternalIdOutsideTheAllowedCharacters(string externalId)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync(externalId, new { displayName = "Ada" });
        await response.AssertValidationProblemAsync("externalId");
    }

    [Fact]
    public async Task Returns400_ForAnExternalIdLongerThan128()
    {
        var org = await api.CreateOrganizationAsync();
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PutPersonAsync(new string('a', 128), new { displayName = "Max" })).StatusCode);

        var response = await org.Admin.PutPersonAsync(new string('a', 129), new { displayName = "Too long" });
        await response.AssertValidationProblemAsync("externalId");
    }

    [Fact]
    public async Task AcceptsEveryAllowedCharacterInAnExternalId()
    {
        var org = await api.CreateOrganizationAsync();
        const string id = "AZaz09._@:-";
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PutPersonAsync(id, new { displayName = "Odd" })).StatusCode);
        Assert.Equal(id, (await org.Admin.GetPersonAsync(id)).GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task Returns400_WithEachBadField()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync("e-1", new
        {
            displayName = " ",
            email = "not-an-email",
            managerExternalId = "bad manager",
            department = new string('d', 201),
            title = new string('t', 201),
        });
        await response.AssertValidationProblemAsync("displayName", "email", "managerExternalId", "department", "title");
    }

    [Fact]
    public async Task Returns400_WhenDisplayNameIsMissingOrTooLong()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.PutPersonAsync("e-1", new { email = "a@b.example" })).AssertValidationProblemAsync("displayName");
        await (await org.Admin.PutPersonAsync("e-1", new { displayName = new string('n', 201) })).AssertValidationProblemAsync("displayName");
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PutPersonAsync("e-1", new { displayName = new string('n', 200) })).StatusCode);
    }

    [Fact]
    public async Task TreatsBlankOptionalFieldsAsNull()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada", email = "", managerExternalId = " ", department = "" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("managerExternalId").ValueKind);
    }

    [Fact]
    public async Task Returns400_WhenTheManagerIsUnknown()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada", managerExternalId = "nobody" });
        await response.AssertValidationProblemAsync("managerExternalId");
        await AssertAbsentAsync(org, "e-1");
    }

    [Fact]
    public async Task Returns400_WhenTheManagerBelongsToAnotherOrganization()
    {
        var org = await api.CreateOrganizationAsync();
        var other = await api.CreateOrganizationAsync();
        await other.Admin.PutPersonOkAsync("boss");

        var response = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada", managerExternalId = "boss" });
        await response.AssertValidationProblemAsync("managerExternalId");
    }

    [Fact]
    public async Task Returns400_WhenAPersonWouldBeTheirOwnManager()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var response = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada", managerExternalId = "e-1" });
        await response.AssertValidationProblemAsync("managerExternalId");
    }

    [Fact]
    public async Task Returns400_WhenTheNewManagerWouldCloseALoop()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("ceo");
        await org.Admin.PutPersonOkAsync("vp", manager: "ceo");
        await org.Admin.PutPersonOkAsync("lead", manager: "vp");
        await org.Admin.PutPersonOkAsync("dev", manager: "lead");

        var response = await org.Admin.PutPersonAsync("ceo", new { displayName = "CEO", managerExternalId = "dev" });

        var problem = await response.AssertValidationProblemAsync("managerExternalId");
        Assert.Contains("loop", problem.GetProperty("errors").GetProperty("managerExternalId")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await org.Admin.GetPersonAsync("ceo")).GetProperty("managerExternalId").ValueKind);
    }

    [Fact]
    public async Task NeverMakesALoop_FromTwoConcurrentWrites()
    {
        var org = await api.CreateOrganizationAsync();
        for (var round = 0; round < 5; round++)
        {
            string a = $"a{round}", b = $"b{round}";
            await org.Admin.PutPersonOkAsync(a);
            await org.Admin.PutPersonOkAsync(b);

            var results = await Task.WhenAll(
                org.Admin.PutPersonAsync(a, new { displayName = "A", managerExternalId = b }),
                org.Admin.PutPersonAsync(b, new { displayName = "B", managerExternalId = a }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], results.Select(r => r.StatusCode).Order()); // one wins, the other sees the loop
        }
    }

    [Fact]
    public async Task AllowsMovingAPersonUnderSomeoneOutsideTheirTeam()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("ceo");
        await org.Admin.PutPersonOkAsync("a", manager: "ceo");
        await org.Admin.PutPersonOkAsync("b", manager: "ceo");
        await org.Admin.PutPersonOkAsync("a1", manager: "a");

        var moved = await org.Admin.PutPersonOkAsync("a", manager: "b");

        Assert.Equal("b", moved.GetProperty("managerExternalId").GetString());
        Assert.Equal(["a1"], moved.GetProperty("directReports").Strings());
    }

    [Fact]
    public async Task Returns412_WhenIfMatchIsStale()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada" });
        var staleTag = created.Headers.ETag!.Tag;
        await org.Admin.PutPersonOkAsync("e-1", department: "Eng");

        var response = await SendWithIfMatchAsync(org.Admin, "e-1", staleTag, new { displayName = "Overwrite" });

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Person e-1", (await org.Admin.GetPersonAsync("e-1")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Updates_WhenIfMatchIsTheCurrentETag()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var read = await org.Admin.GetAsync("/v1/people/e-1");
        var tag = read.Headers.ETag!.Tag;

        var response = await SendWithIfMatchAsync(org.Admin, "e-1", tag, new { displayName = "New name" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(tag, response.Headers.ETag!.Tag);
        Assert.Equal("New name", (await org.Admin.GetPersonAsync("e-1")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Returns412_WhenIfMatchIsWeak()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada" });
        var response = await SendWithIfMatchAsync(org.Admin, "e-1", "W/" + created.Headers.ETag!.Tag, new { displayName = "x" });
        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Returns412_WhenIfMatchIsSentForAPersonThatDoesNotExist()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await SendWithIfMatchAsync(org.Admin, "e-1", "*", new { displayName = "Ada" });
        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await AssertAbsentAsync(org, "e-1");
    }

    [Fact]
    public async Task IfMatchStarMatchesAnExistingPerson()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        var response = await SendWithIfMatchAsync(org.Admin, "e-1", "*", new { displayName = "Ada" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Returns400_ForMalformedJson()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutAsync("/v1/people/e-1", new StringContent("{\"displayName\":", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    internal static Task<HttpResponseMessage> SendWithIfMatchAsync(HttpClient client, string externalId, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/people/{externalId}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static async Task AssertAbsentAsync(TestOrganization org, string externalId) =>
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/v1/people/{externalId}")).StatusCode);
}
