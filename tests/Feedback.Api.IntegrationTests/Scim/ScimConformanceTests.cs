using System.Net.Http.Headers;

namespace Feedback.Api.IntegrationTests.Scim;

/// <summary>
/// The calls an identity provider (Okta, Entra ID) makes when it provisions a user, in the order it makes them,
/// checking the wire format at each step and that /v1/people sees the same person.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ScimConformanceTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ProvisioningLifecycle_AsAnIdentityProviderRunsIt()
    {
        var org = await api.CreateOrganizationAsync();
        var scim = await org.ClientWithScopesAsync("people:write");
        var bossId = await scim.CreateUserAsync("boss@example.com");

        // 1. Does the user exist? (Entra and Okta both look before creating.)
        var lookup = await (await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"ada@example.com\"")))
            .AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:ListResponse"], lookup.GetProperty("schemas").Strings());
        Assert.Equal(0, lookup.GetProperty("totalResults").GetInt32());
        Assert.Empty(lookup.GetProperty("Resources").EnumerateArray());

        // 2. Create.
        var created = await scim.PostUserAsync(ScimApi.NewUser("ada@example.com", externalId: "okta-00u1"));
        var user = await created.AssertScimAsync(HttpStatusCode.Created);
        var id = user.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal([ScimApi.UserSchema, ScimApi.Enterprise], user.GetProperty("schemas").Strings());
        Assert.Equal("ada@example.com", user.GetProperty("userName").GetString());
        Assert.Equal("okta-00u1", user.GetProperty("externalId").GetString());
        Assert.Equal("Ada Lovelace", user.GetProperty("displayName").GetString()); // from name when displayName is absent
        Assert.Equal("ada@example.com", user.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        var meta = user.GetProperty("meta");
        Assert.Equal("User", meta.GetProperty("resourceType").GetString());
        // From Feedback__PublicBaseUrl (the test default http://localhost:8080), not from the Host header.
        Assert.Equal($"http://localhost:8080/scim/v2/Users/{id}", meta.GetProperty("location").GetString());
        Assert.Equal(created.Headers.Location?.ToString(), meta.GetProperty("location").GetString());
        Assert.Equal(created.Headers.ETag?.ToString(), meta.GetProperty("version").GetString());
        Assert.True(meta.GetProperty("created").GetDateTimeOffset() <= meta.GetProperty("lastModified").GetDateTimeOffset());

        // /v1/people sees the same person under userName.
        var person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/ada@example.com");
        Assert.Equal("Ada Lovelace", person.GetProperty("displayName").GetString());

        // 3. Filter by userName (found) and by externalId.
        var found = await (await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"ada@example.com\"")))
            .AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("totalResults").GetInt32());
        Assert.Equal(1, found.GetProperty("startIndex").GetInt32());
        Assert.Equal(1, found.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(id, found.GetProperty("Resources")[0].GetProperty("id").GetString());
        var byExternalId = await (await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("EXTERNALID eq \"okta-00u1\"")))
            .AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(id, byExternalId.GetProperty("Resources")[0].GetProperty("id").GetString());

        // 4. Get by id.
        var got = await scim.GetAsync($"/scim/v2/Users/{id}");
        Assert.Equal("ada@example.com", (await got.AssertScimAsync(HttpStatusCode.OK)).GetProperty("userName").GetString());
        Assert.NotNull(got.Headers.ETag);

        // 5. Deactivate, Entra style (no path, "False" or false), then reactivate and deactivate with a path.
        var entra = await (await scim.PatchUserAsync(id, new { op = "Replace", value = new { active = false } })).AssertScimAsync(HttpStatusCode.OK);
        Assert.False(entra.GetProperty("active").GetBoolean());
        Assert.False((await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/ada@example.com")).GetProperty("active").GetBoolean());
        var reactivated = await (await scim.PatchUserAsync(id, new { op = "replace", path = "active", value = "True" })).AssertScimAsync(HttpStatusCode.OK);
        Assert.True(reactivated.GetProperty("active").GetBoolean());
        var pathStyle = await (await scim.PatchUserAsync(id, new { op = "replace", path = "active", value = false })).AssertScimAsync(HttpStatusCode.OK);
        Assert.False(pathStyle.GetProperty("active").GetBoolean());

        // 6. Replace (PUT): a full replacement, active again, new title.
        var replaced = await (await scim.PutAsync($"/scim/v2/Users/{id}", ScimApi.Body(new
        {
            schemas = new[] { ScimApi.UserSchema },
            userName = "ada@example.com",
            externalId = "okta-00u1",
            displayName = "Ada King",
            title = "Countess",
            active = true,
        }))).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal("Ada King", replaced.GetProperty("displayName").GetString());
        Assert.Equal("Countess", replaced.GetProperty("title").GetString());
        Assert.False(replaced.TryGetProperty("emails", out _)); // omitted in the PUT, so gone
        Assert.True(replaced.GetProperty("active").GetBoolean());

        // 7. Manager and department through the enterprise extension (Entra sends the manager id as a bare string).
        var managed = await (await scim.PatchUserAsync(id,
                new { op = "Add", path = $"{ScimApi.Enterprise}:manager", value = bossId },
                new { op = "Add", path = $"{ScimApi.Enterprise}:department", value = "Mathematics" }))
            .AssertScimAsync(HttpStatusCode.OK);
        var extension = managed.GetProperty(ScimApi.Enterprise);
        Assert.Equal("Mathematics", extension.GetProperty("department").GetString());
        Assert.Equal(bossId, extension.GetProperty("manager").GetProperty("value").GetString());
        Assert.Equal("Ada Lovelace", extension.GetProperty("manager").GetProperty("displayName").GetString());
        person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/ada@example.com");
        Assert.Equal("boss@example.com", person.GetProperty("managerExternalId").GetString());
        Assert.Equal("Mathematics", person.GetProperty("department").GetString());

        // 8. Delete: 204, and the user stays, inactive, with manager and department (ratings are kept too).
        var deleted = await scim.DeleteAsync($"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await (await scim.GetAsync($"/scim/v2/Users/{id}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("active").GetBoolean());
        Assert.Equal("Mathematics", after.GetProperty(ScimApi.Enterprise).GetProperty("department").GetString());
        person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/ada@example.com");
        Assert.False(person.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task SeesPeopleWrittenThroughV1_AndTheirManagers()
    {
        var org = await api.CreateOrganizationAsync();
        Assert.True((await org.Admin.PutAsJsonAsync("/v1/people/lead", new { displayName = "Grace Hopper" })).IsSuccessStatusCode);
        Assert.True((await org.Admin.PutAsJsonAsync("/v1/people/dev", new
        {
            displayName = "Dev One", email = "dev@example.com", managerExternalId = "lead", department = "Eng", title = "Engineer",
        })).IsSuccessStatusCode);

        var list = await (await org.Admin.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"dev\"")))
            .AssertScimAsync(HttpStatusCode.OK);
        var dev = list.GetProperty("Resources")[0];
        Assert.Equal("Dev One", dev.GetProperty("displayName").GetString());
        Assert.Equal("Dev One", dev.GetProperty("name").GetProperty("formatted").GetString());
        Assert.Equal("dev@example.com", dev.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.True(dev.GetProperty("emails")[0].GetProperty("primary").GetBoolean());
        Assert.Equal("Engineer", dev.GetProperty("title").GetString());
        Assert.False(dev.TryGetProperty("externalId", out _));
        var manager = dev.GetProperty(ScimApi.Enterprise).GetProperty("manager");
        Assert.Equal("Grace Hopper", manager.GetProperty("displayName").GetString());
        var lead = await (await org.Admin.GetAsync($"/scim/v2/Users/{manager.GetProperty("value").GetString()}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal("lead", lead.GetProperty("userName").GetString());
        Assert.Equal(manager.GetProperty("$ref").GetString(), lead.GetProperty("meta").GetProperty("location").GetString());
    }

    [Fact]
    public async Task AcceptsPlainJson_AndAlwaysAnswersScimJson()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsJsonAsync("/scim/v2/Users", new { userName = "plain", displayName = "Plain Json" });
        await response.AssertScimAsync(HttpStatusCode.Created);

        var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Users");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimApi.MediaType));
        await (await org.Admin.SendAsync(request)).AssertScimAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PagesWithStartIndexAndCount()
    {
        var org = await api.CreateOrganizationAsync();
        foreach (var name in new[] { "u-1", "u-2", "u-3", "u-4", "u-5" })
        {
            await org.Admin.CreateUserAsync(name);
        }

        var page = await (await org.Admin.GetAsync("/scim/v2/Users?startIndex=2&count=2")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(5, page.GetProperty("totalResults").GetInt32());
        Assert.Equal(2, page.GetProperty("startIndex").GetInt32());
        Assert.Equal(2, page.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(["u-2", "u-3"], page.GetProperty("Resources").EnumerateArray().Select(u => u.GetProperty("userName").GetString()));

        var countOnly = await (await org.Admin.GetAsync("/scim/v2/Users?count=0")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(5, countOnly.GetProperty("totalResults").GetInt32());
        Assert.Empty(countOnly.GetProperty("Resources").EnumerateArray());

        var past = await (await org.Admin.GetAsync("/scim/v2/Users?startIndex=9")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(5, past.GetProperty("totalResults").GetInt32());
        Assert.Equal(0, past.GetProperty("itemsPerPage").GetInt32());
    }
}
