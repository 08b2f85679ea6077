namespace Feedback.Api.IntegrationTests.Scim;

/// <summary>Every failure under /scim/v2 is a SCIM error body with the right status and scimType.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScimErrorTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns401_WithoutAToken()
    {
        var response = await api.ClientWithToken(null).GetAsync("/scim/v2/Users");
        await response.AssertScimErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Returns401_WithAnUnknownToken() =>
        await (await api.ClientWithToken("fbk_unknown-unknown-unknown-unknown").GetAsync("/scim/v2/Users"))
            .AssertScimErrorAsync(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Returns403_WithoutPeopleWrite()
    {
        var org = await api.CreateOrganizationAsync();
        var reader = await org.ClientWithScopesAsync("reports:read");
        await (await reader.GetAsync("/scim/v2/Users")).AssertScimErrorAsync(HttpStatusCode.Forbidden);
        await (await reader.PostUserAsync(ScimApi.NewUser("x"))).AssertScimErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returns404_ForAnUnknownId_AnotherOrganizationsUser_AndANonUuid()
    {
        var org = await api.CreateOrganizationAsync();
        var other = await api.CreateOrganizationAsync();
        var theirs = await other.Admin.CreateUserAsync("theirs");

        await (await org.Admin.GetAsync($"/scim/v2/Users/{Guid.NewGuid()}")).AssertScimErrorAsync(HttpStatusCode.NotFound);
        await (await org.Admin.GetAsync($"/scim/v2/Users/{theirs}")).AssertScimErrorAsync(HttpStatusCode.NotFound);
        await (await org.Admin.PatchUserAsync(theirs, new { op = "replace", path = "active", value = false })).AssertScimErrorAsync(HttpStatusCode.NotFound);
        await (await org.Admin.PutAsync($"/scim/v2/Users/{theirs}", ScimApi.Body(ScimApi.NewUser("theirs")))).AssertScimErrorAsync(HttpStatusCode.NotFound);
        await (await org.Admin.DeleteAsync($"/scim/v2/Users/{theirs}")).AssertScimErrorAsync(HttpStatusCode.NotFound);
        await (await org.Admin.GetAsync("/scim/v2/Users/not-a-uuid")).AssertScimErrorAsync(HttpStatusCode.NotFound);

        var theirUser = await (await other.Admin.GetAsync($"/scim/v2/Users/{theirs}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.True(theirUser.GetProperty("active").GetBoolean()); // untouched by the other organization's calls
    }

    [Fact]
    public async Task Returns409Uniqueness_WhenTheUserNameIsTaken()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.CreateUserAsync("taken");
        Assert.True((await org.Admin.PutAsJsonAsync("/v1/people/v1-person", new { displayName = "From v1" })).IsSuccessStatusCode);
        var other = await org.Admin.CreateUserAsync("other");

        await (await org.Admin.PostUserAsync(ScimApi.NewUser("taken"))).AssertScimErrorAsync(HttpStatusCode.Conflict, "uniqueness");
        await (await org.Admin.PostUserAsync(ScimApi.NewUser("v1-person"))).AssertScimErrorAsync(HttpStatusCode.Conflict, "uniqueness");
        await (await org.Admin.PatchUserAsync(other, new { op = "replace", path = "userName", value = "taken" }))
            .AssertScimErrorAsync(HttpStatusCode.Conflict, "uniqueness");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("slash/not/allowed")]
    public async Task Returns400InvalidValue_WhenTheUserNameIsNotAnExternalId(string userName)
    {
        var org = await api.CreateOrganizationAsync();
        var error = await (await org.Admin.PostUserAsync(ScimApi.NewUser(userName))).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("userName", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Returns400InvalidValue_ForMissingDisplayName_BadEmail_AndLongExternalId()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.PostUserAsync(new { userName = "no-name" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PostUserAsync(new { userName = "bad-mail", displayName = "X", emails = new[] { new { value = "nope" } } }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PostUserAsync(new { userName = "long", displayName = "X", externalId = new string('x', 257) }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task Returns400InvalidValue_ForAnUnknownManager_AndAManagerLoop_WritingNothing()
    {
        var org = await api.CreateOrganizationAsync();
        var boss = await org.Admin.CreateUserAsync("boss");
        var report = await org.Admin.CreateUserAsync("report");
        var manager = $"{ScimApi.Enterprise}:manager";
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PatchUserAsync(report, new { op = "add", path = manager, value = boss })).StatusCode);

        await (await org.Admin.PatchUserAsync(report, new { op = "add", path = manager, value = Guid.NewGuid().ToString() }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(report, new { op = "add", path = manager, value = "boss" })) // a userName is not an id
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(boss, new { op = "add", path = manager, value = report }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(boss, new { op = "add", path = manager, value = new { value = boss } }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        var other = await api.CreateOrganizationAsync();
        var stranger = await other.Admin.CreateUserAsync("stranger");
        await (await org.Admin.PostUserAsync(new { userName = "new", displayName = "New", enterprise = 0 }))
            .AssertScimAsync(HttpStatusCode.Created); // unknown attributes are ignored
        await (await org.Admin.PatchUserAsync(report, new { op = "add", path = manager, value = stranger }))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");

        var bossUser = await (await org.Admin.GetAsync($"/scim/v2/Users/{boss}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.False(bossUser.GetProperty(ScimApi.Enterprise).TryGetProperty("manager", out _));
        var reportUser = await (await org.Admin.GetAsync($"/scim/v2/Users/{report}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(boss, reportUser.GetProperty(ScimApi.Enterprise).GetProperty("manager").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("displayName eq \"x\"")]
    [InlineData("userName co \"x\"")]
    [InlineData("userName eq x")]
    [InlineData("userName eq \"a\" or userName eq \"b\"")]
    public async Task Returns400InvalidFilter_ForUnsupportedFilters(string filter)
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(filter)))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Returns400InvalidSyntax_ForMalformedJson()
    {
        var org = await api.CreateOrganizationAsync();
        var body = new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, ScimApi.MediaType);
        await (await org.Admin.PostAsync("/scim/v2/Users", body)).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Returns400_ForBadPatchOperations()
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.Admin.CreateUserAsync("p");

        await (await org.Admin.PatchUserAsync(id, new { op = "move", path = "title", value = "x" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
        await (await org.Admin.PatchUserAsync(id, new { op = "remove" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "noTarget");
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", value = "not an object" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "title" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "bad path!", value = "x" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidPath");
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "active", value = "maybe" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(id, new { op = "remove", path = "active" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(id, new { op = "remove", path = "displayName" })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "title", value = 5 })).AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await org.Admin.PatchAsync($"/scim/v2/Users/{id}", ScimApi.Body(new { schemas = new[] { ScimApi.PatchOp } })))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
        // Found by the fuzzer: a null element of Operations was a 500.
        await (await org.Admin.PatchAsync($"/scim/v2/Users/{id}", ScimApi.Body(new { schemas = new[] { ScimApi.PatchOp }, Operations = new object?[] { null } })))
            .AssertScimErrorAsync(HttpStatusCode.BadRequest, "invalidSyntax");
        // Null entries in emails were a 500 too: they are skipped, like an absent email.
        await (await org.Admin.PatchUserAsync(id, new { op = "add", path = "emails", value = new object?[] { null } })).AssertScimAsync(HttpStatusCode.OK);
        await (await org.Admin.PatchUserAsync(id, new { op = "replace", value = new { emails = new object?[] { null } } })).AssertScimAsync(HttpStatusCode.OK);
        var withNullEmail = ScimApi.Body(new { schemas = new[] { ScimApi.UserSchema }, userName = "p-null-email", displayName = "P", emails = new object?[] { null } });
        await (await org.Admin.PostAsync("/scim/v2/Users", withNullEmail)).AssertScimAsync(HttpStatusCode.Created);

        var user = await (await org.Admin.GetAsync($"/scim/v2/Users/{id}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.False(user.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Returns412_WhenIfMatchNamesAnOldVersion()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await org.Admin.PostUserAsync(ScimApi.NewUser("v"));
        var id = (await created.AssertScimAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var oldTag = created.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "title", value = "New" })).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/scim/v2/Users/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", oldTag);
        await (await org.Admin.SendAsync(request)).AssertScimErrorAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Returns404_ForAnUnknownScimPath() =>
        await (await (await api.CreateOrganizationAsync()).Admin.GetAsync("/scim/v2/Groups")).AssertScimErrorAsync(HttpStatusCode.NotFound);
}

[Collection(ApiCollection.Name)]
public sealed class ScimBodyErrorTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns415_ForANonJsonBody()
    {
        var org = await api.CreateOrganizationAsync();
        var body = new StringContent("userName=x", System.Text.Encoding.UTF8, "text/plain");
        await (await org.Admin.PostAsync("/scim/v2/Users", body)).AssertScimErrorAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Returns413_ForABodyOverOneMebibyte()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostUserAsync(new { userName = "big", displayName = new string('x', 1024 * 1024 + 1) });
        await response.AssertScimErrorAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
