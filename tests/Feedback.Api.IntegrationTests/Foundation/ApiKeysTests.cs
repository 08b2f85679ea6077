namespace Feedback.Api.IntegrationTests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class ApiKeysTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task CreatesAKeyThatWorksAndIsShownOnce()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "hr-sync", scopes = new[] { "people:write", "reports:read" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith("fbk_", key);
        Assert.Equal("hr-sync", body.GetProperty("name").GetString());
        Assert.Equal(["people:write", "reports:read"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(7, Guid.Parse(body.GetProperty("id").GetString()!).Version);

        var list = await org.Admin.GetStringAsync("/v1/api-keys");
        Assert.Contains("hr-sync", list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain("\"key\"", list);
    }

    [Fact]
    public async Task Returns400_WithEachBadField()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "", scopes = new[] { "everything" } });
        await response.AssertValidationProblemAsync("name", "scopes[0]");
    }

    [Fact]
    public async Task ListsPageByPageWithACursor()
    {
        var org = await api.CreateOrganizationAsync();
        for (var i = 0; i < 4; i++)
        {
            await org.CreateKeyAsync("reports:read");
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/api-keys?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Count); // the admin key and four more
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=@@not-a-cursor@@", "cursor")]
    public async Task Returns400_ForBadPaging(string query, string field)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.GetAsync($"/v1/api-keys?{query}");
        await response.AssertValidationProblemAsync(field);
    }
}
