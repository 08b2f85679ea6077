namespace Feedback.Api.IntegrationTests.Scim;

/// <summary>PatchOp as Okta and Entra ID send it: with and without paths, multi-operation, extension attributes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScimPatchTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task AppliesEntraStyleAttributePaths()
    {
        var org = await api.CreateOrganizationAsync();
        var boss = await org.Admin.CreateUserAsync("boss");
        var id = await org.Admin.CreateUserAsync("u");

        var user = await (await org.Admin.PatchUserAsync(id,
                new { op = "Replace", path = "displayName", value = "New Name" },
                new { op = "Add", path = "emails[type eq \"work\"].value", value = "new@example.com" },
                new { op = "Add", path = "title", value = "Lead" },
                new { op = "Add", path = "name.givenName", value = "Ignored" }, // not stored; accepted
                new { op = "Add", path = "phoneNumbers[type eq \"mobile\"].value", value = "+1 555" },
                new { op = "Replace", path = "externalId", value = "entra-object-id" },
                new { op = "Add", path = $"{ScimApi.Enterprise}:employeeNumber", value = "42" },
                new { op = "Add", path = $"{ScimApi.Enterprise}:manager", value = boss },
                new { op = "Add", path = $"{ScimApi.Enterprise}:department", value = "Sales" }))
            .AssertScimAsync(HttpStatusCode.OK);

        Assert.Equal("New Name", user.GetProperty("displayName").GetString());
        Assert.Equal("new@example.com", user.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("Lead", user.GetProperty("title").GetString());
        Assert.Equal("entra-object-id", user.GetProperty("externalId").GetString());
        Assert.Equal("Sales", user.GetProperty(ScimApi.Enterprise).GetProperty("department").GetString());
        Assert.Equal(boss, user.GetProperty(ScimApi.Enterprise).GetProperty("manager").GetProperty("value").GetString());
        var person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/u");
        Assert.Equal("new@example.com", person.GetProperty("email").GetString());
        Assert.Equal("Lead", person.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AppliesValueObjectsWithoutAPath_IncludingTheExtension()
    {
        var org = await api.CreateOrganizationAsync();
        var boss = await org.Admin.CreateUserAsync("boss");
        var id = await org.Admin.CreateUserAsync("u");

        var user = await (await org.Admin.PatchUserAsync(id, new
            {
                op = "replace",
                value = new Dictionary<string, object>
                {
                    ["name"] = new { formatted = "Formatted Name" },
                    ["emails"] = new object[] { new { value = "other@example.com" }, new { value = "main@example.com", primary = true } },
                    [ScimApi.Enterprise] = new { department = "Ops", manager = new { value = boss } },
                },
            }))
            .AssertScimAsync(HttpStatusCode.OK);

        Assert.Equal("Formatted Name", user.GetProperty("displayName").GetString());
        Assert.Equal("main@example.com", user.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("Ops", user.GetProperty(ScimApi.Enterprise).GetProperty("department").GetString());
        Assert.Equal(boss, user.GetProperty(ScimApi.Enterprise).GetProperty("manager").GetProperty("value").GetString());
    }

    [Fact]
    public async Task RemovesManagerDepartmentEmailAndTitle()
    {
        var org = await api.CreateOrganizationAsync();
        var boss = await org.Admin.CreateUserAsync("boss");
        var id = await org.Admin.CreateUserAsync("u");
        await org.Admin.PatchUserAsync(id,
            new { op = "add", path = $"{ScimApi.Enterprise}:manager", value = new { value = boss } },
            new { op = "add", path = $"{ScimApi.Enterprise}:department", value = "Ops" },
            new { op = "add", path = "title", value = "T" });

        var user = await (await org.Admin.PatchUserAsync(id,
                new { op = "remove", path = $"{ScimApi.Enterprise}:manager" },
                new { op = "Remove", path = $"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" },
                new { op = "remove", path = "emails[type eq \"work\"]" },
                new { op = "remove", path = "urn:ietf:params:scim:schemas:core:2.0:User:title" }))
            .AssertScimAsync(HttpStatusCode.OK);

        Assert.False(user.TryGetProperty("emails", out _));
        Assert.False(user.TryGetProperty("title", out _));
        Assert.False(user.GetProperty(ScimApi.Enterprise).TryGetProperty("manager", out _));
        Assert.False(user.GetProperty(ScimApi.Enterprise).TryGetProperty("department", out _));
        var person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/u");
        Assert.Equal(JsonValueKind.Null, person.GetProperty("managerExternalId").ValueKind);
    }

    [Fact]
    public async Task RenamesTheUser_KeepingTheIdAndTheReports()
    {
        var org = await api.CreateOrganizationAsync();
        var boss = await org.Admin.CreateUserAsync("old-name");
        var report = await org.Admin.CreateUserAsync("report");
        await org.Admin.PatchUserAsync(report, new { op = "add", path = $"{ScimApi.Enterprise}:manager", value = boss });

        var renamed = await (await org.Admin.PatchUserAsync(boss, new { op = "replace", path = "userName", value = "new-name" })).AssertScimAsync(HttpStatusCode.OK);

        Assert.Equal(boss, renamed.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync("/v1/people/old-name")).StatusCode);
        var person = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people/new-name");
        Assert.Equal(["report"], person.GetProperty("directReports").Strings());
    }

    [Fact]
    public async Task KeepsUpdatedAt_WhenNothingChanges()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await (await org.Admin.PostUserAsync(ScimApi.NewUser("same"))).AssertScimAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var patched = await (await org.Admin.PatchUserAsync(id, new { op = "replace", path = "active", value = true })).AssertScimAsync(HttpStatusCode.OK);

        Assert.Equal(created.GetProperty("meta").GetProperty("lastModified").GetString(), patched.GetProperty("meta").GetProperty("lastModified").GetString());
        Assert.Equal(created.GetProperty("meta").GetProperty("version").GetString(), patched.GetProperty("meta").GetProperty("version").GetString());
    }
}
