namespace Feedback.Api.IntegrationTests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class WebhookSubscriptionTests(WebhookApiFactory api)
{
    [Fact]
    public async Task Create_Returns201WithTheSecretOnce_AndListAndGetNeverShowIt()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsJsonAsync("/v1/webhooks",
            new { url = "https://hr.example.com/hooks?tenant=7", events = new[] { "reports.ready", "cycle.opened" }, description = "HRIS" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location?.ToString());
        Assert.Equal("https://hr.example.com/hooks?tenant=7", created.GetProperty("url").GetString());
        Assert.Equal(["cycle.opened", "reports.ready"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("HRIS", created.GetProperty("description").GetString());
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.True(secret.Length >= 40);
        Assert.True(created.TryGetProperty("createdAt", out _));

        var listText = await org.Admin.GetStringAsync("/v1/webhooks");
        Assert.DoesNotContain(secret, listText);
        var item = Assert.Single(JsonDocument.Parse(listText).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.False(item.TryGetProperty("secret", out _));

        var getText = await org.Admin.GetStringAsync($"/v1/webhooks/{id}");
        Assert.DoesNotContain(secret, getText);
        Assert.Equal(id, JsonDocument.Parse(getText).RootElement.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task List_PagesWithACursor()
    {
        var org = await api.CreateOrganizationAsync();
        for (var i = 0; i < 3; i++)
        {
            await org.SubscribeAsync($"https://hr.example.com/{i}", "cycle.opened");
        }

        var first = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks?limit=2");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks?limit=2&cursor={cursor}");
        Assert.Equal("https://hr.example.com/2", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        await (await org.Admin.GetAsync("/v1/webhooks?cursor=bogus")).AssertValidationProblemAsync("cursor");
        await (await org.Admin.GetAsync("/v1/webhooks?limit=0")).AssertValidationProblemAsync("limit");
    }

    [Fact]
    public async Task Delete_Returns204_ThenTheWebhookIsGone()
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await org.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync($"/v1/webhooks/{id}")).StatusCode);

        await (await org.Admin.GetAsync($"/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.DeleteAsync($"/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.GetAsync($"/v1/webhooks/{id}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await org.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/hooks", "url")]
    [InlineData("ftp://hr.example.com/hooks", "url")]
    [InlineData("https://user:pass@hr.example.com/hooks", "url")]
    [InlineData("not a url", "url")]
    [InlineData("", "url")]
    public async Task Create_Returns400_ForABadUrl(string url, string field)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "cycle.opened" } });
        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Create_Returns400_ForNoOrUnknownEvents_OrALongDescription_AndWritesNothing()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://h.example.com", events = Array.Empty<string>() }))
            .AssertValidationProblemAsync("events");
        await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://h.example.com" }))
            .AssertValidationProblemAsync("events");
        await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://h.example.com", events = new[] { "cycle.opened", "cycle.deleted" } }))
            .AssertValidationProblemAsync("events[1]");
        await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://h.example.com", events = new[] { "cycle.opened" }, description = new string('d', 501) }))
            .AssertValidationProblemAsync("description");

        Assert.Empty((await org.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnotherOrganizationsWebhook_Is404_ForGetDeleteAndDeliveries()
    {
        var owner = await api.CreateOrganizationAsync();
        var stranger = await api.CreateOrganizationAsync();
        var id = (await owner.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();

        await (await stranger.Admin.GetAsync($"/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.DeleteAsync($"/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync($"/v1/webhooks/{id}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await stranger.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("items").EnumerateArray());

        // Still there for its owner.
        Assert.Equal(HttpStatusCode.OK, (await owner.Admin.GetAsync($"/v1/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task EveryWebhookEndpoint_Is403_WithoutTheAdminScope_And401_WithoutAToken()
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await org.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();
        var cycles = await org.ClientWithScopesAsync("cycles:write", "reports:read", "people:write", "ratings:write");
        var anonymous = api.ClientWithToken(null);

        foreach (var client in new[] { cycles, anonymous })
        {
            var expected = client == anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            await (await client.PostAsJsonAsync("/v1/webhooks", new { url = "https://x.example.com", events = new[] { "cycle.opened" } })).AssertProblemAsync(expected);
            await (await client.GetAsync("/v1/webhooks")).AssertProblemAsync(expected);
            await (await client.GetAsync($"/v1/webhooks/{id}")).AssertProblemAsync(expected);
            await (await client.GetAsync($"/v1/webhooks/{id}/deliveries")).AssertProblemAsync(expected);
            await (await client.DeleteAsync($"/v1/webhooks/{id}")).AssertProblemAsync(expected);
        }

        Assert.Single((await org.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ARaterToken_Gets403()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("ann", null), ("bob", null));
        var cycleId = await org.CreateCycleAsync();
        var (_, token) = await org.AssignAsync(cycleId, "ann", "bob", "peer");

        await (await api.ClientWithToken(token).GetAsync("/v1/webhooks")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deliveries_Returns400_ForABadCursorOrLimit()
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await org.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();

        await (await org.Admin.GetAsync($"/v1/webhooks/{id}/deliveries?cursor=%%%")).AssertValidationProblemAsync("cursor");
        await (await org.Admin.GetAsync($"/v1/webhooks/{id}/deliveries?limit=201")).AssertValidationProblemAsync("limit");
    }

    [Theory]
    [InlineData("/v1/webhooks", "post")]
    [InlineData("/v1/webhooks", "get")]
    [InlineData("/v1/webhooks/{id}", "get")]
    [InlineData("/v1/webhooks/{id}", "delete")]
    [InlineData("/v1/webhooks/{id}/deliveries", "get")]
    public async Task DocumentsEachOperation_WithASummaryAndSecurity(string path, string method)
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operation = doc.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("security").GetArrayLength() > 0);
    }
}
