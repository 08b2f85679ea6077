namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class GetAndListPeopleTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ShowsActiveDirectReportsSortedAndIsManager()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        await org.Admin.PutPersonOkAsync("z-report", manager: "boss");
        await org.Admin.PutPersonOkAsync("a-report", manager: "boss");
        await org.Admin.PutPersonAsync("gone", new { displayName = "Gone", managerExternalId = "boss", active = false });
        await org.Admin.PutPersonOkAsync("grandchild", manager: "a-report");

        var boss = await org.Admin.GetPersonAsync("boss");

        Assert.True(boss.GetProperty("isManager").GetBoolean());
        Assert.Equal(["a-report", "z-report"], boss.GetProperty("directReports").Strings());
        var report = await org.Admin.GetPersonAsync("z-report");
        Assert.Equal("boss", report.GetProperty("managerExternalId").GetString());
        Assert.False(report.GetProperty("isManager").GetBoolean());
    }

    [Fact]
    public async Task IsNotAManager_WhenEveryReportIsInactive()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        await org.Admin.PutPersonOkAsync("only", manager: "boss");
        Assert.True((await org.Admin.GetPersonAsync("boss")).GetProperty("isManager").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync("/v1/people/only")).StatusCode);

        var boss = await org.Admin.GetPersonAsync("boss");
        Assert.False(boss.GetProperty("isManager").GetBoolean());
        Assert.Empty(boss.GetProperty("directReports").EnumerateArray());
    }

    [Fact]
    public async Task GetCarriesTheSameETagAsTheWrite()
    {
        var org = await api.CreateOrganizationAsync();
        var put = await org.Admin.PutPersonAsync("e-1", new { displayName = "Ada" });
        var get = await org.Admin.GetAsync("/v1/people/e-1");
        Assert.Equal(put.Headers.ETag, get.Headers.ETag);
        Assert.Matches("^\"[0-9]+\"$", get.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Returns404_ForAnUnknownPerson()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync("/v1/people/nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns400_WhenGettingABadExternalId()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync("/v1/people/bad%20id")).AssertValidationProblemAsync("externalId");
    }

    [Fact]
    public async Task ReadsWithReportsReadOrPeopleWrite()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("e-1");
        foreach (var scope in new[] { "reports:read", "people:write" })
        {
            var client = await org.ClientWithScopesAsync(scope);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/people/e-1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/people")).StatusCode);
        }
    }

    [Fact]
    public async Task ListsPageByPageInExternalIdOrder()
    {
        var org = await api.CreateOrganizationAsync();
        var ids = Enumerable.Range(1, 7).Select(i => $"p-{i:00}").ToArray();
        foreach (var id in ids.Reverse())
        {
            await org.Admin.PutPersonOkAsync(id);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/people?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 3);
            seen.AddRange(items.Select(p => p.GetProperty("externalId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListItemsHaveTheFullShape()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        await org.Admin.PutPersonOkAsync("dev", manager: "boss", department: "Eng");

        var page = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/people");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["boss", "dev"], items.Select(p => p.GetProperty("externalId").GetString()));
        Assert.Equal(["dev"], items[0].GetProperty("directReports").Strings());
        Assert.True(items[0].GetProperty("isManager").GetBoolean());
        Assert.Equal("boss", items[1].GetProperty("managerExternalId").GetString());
        Assert.Equal("Eng", items[1].GetProperty("department").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task FiltersByDepartmentAndManager()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss", department: "Eng");
        await org.Admin.PutPersonOkAsync("dev-1", manager: "boss", department: "Eng");
        await org.Admin.PutPersonOkAsync("dev-2", manager: "boss", department: "Ops");
        await org.Admin.PutPersonOkAsync("other", department: "Eng");

        Assert.Equal(["boss", "dev-1", "other"], await ListAsync(org, "department=Eng"));
        Assert.Equal(["dev-1", "dev-2"], await ListAsync(org, "managerExternalId=boss"));
        Assert.Equal(["dev-1"], await ListAsync(org, "managerExternalId=boss&department=Eng"));
        Assert.Empty(await ListAsync(org, "managerExternalId=nobody"));
        Assert.Empty(await ListAsync(org, "department=Nowhere"));
    }

    [Fact]
    public async Task ListsOnlyTheCallersOrganization()
    {
        var org = await api.CreateOrganizationAsync();
        var other = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("mine");
        await other.Admin.PutPersonOkAsync("theirs");

        Assert.Equal(["mine"], await ListAsync(org, ""));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=@@not-a-cursor@@", "cursor")]
    [InlineData("managerExternalId=bad%20id", "managerExternalId")]
    public async Task Returns400_ForBadListParameters(string query, string field)
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.GetAsync($"/v1/people?{query}")).AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Returns400_ForACursorThatDecodesToABadExternalId()
    {
        var org = await api.CreateOrganizationAsync();
        var cursor = Convert.ToBase64String("bad id"u8.ToArray()).TrimEnd('=');
        await (await org.Admin.GetAsync($"/v1/people?cursor={cursor}")).AssertValidationProblemAsync("cursor");
    }

    private static async Task<string[]> ListAsync(TestOrganization org, string query)
    {
        var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/people?{query}");
        return page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("externalId").GetString()!).ToArray();
    }
}
