namespace Feedback.Api.IntegrationTests.Behaviors;

[Collection(ApiCollection.Name)]
public sealed class BehaviorsTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ListsTheDefaultCatalogInOrder_ToAnyApiKey()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("reports:read");

        var behaviors = await client.GetFromJsonAsync<JsonElement>("/v1/behaviors");

        Assert.Equal(JsonValueKind.Array, behaviors.ValueKind);
        Assert.Equal(
            ["active-listening", "empathy", "guiding-conversations", "implementing-vision", "building-trust",
             "organizing-projects", "managing-resources", "directing-workflows"],
            behaviors.EnumerateArray().Select(b => b.GetProperty("key").GetString()));
        var first = behaviors[0];
        Assert.Equal("leadership", first.GetProperty("dimension").GetString());
        Assert.Equal("Active listening", first.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("description").GetString()));
        Assert.False(first.GetProperty("retired").GetBoolean());
        Assert.Equal("management", behaviors[7].GetProperty("dimension").GetString());
    }

    [Fact]
    public async Task CreatesACustomBehaviorAtTheEndOfTheCatalog_ThenRenamesIt()
    {
        var org = await api.CreateOrganizationAsync();

        var created = await org.Admin.PutAsJsonAsync("/v1/behaviors/coaching",
            new { dimension = "leadership", name = "Coaching", description = "Helps others grow." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/behaviors/coaching", created.Headers.Location?.ToString());

        var renamed = await org.Admin.PutAsJsonAsync("/v1/behaviors/coaching",
            new { dimension = "leadership", name = "Coaching others", description = "Helps others grow and learn." });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var body = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Coaching others", body.GetProperty("name").GetString());

        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");
        var last = list.EnumerateArray().Last();
        Assert.Equal("coaching", last.GetProperty("key").GetString());
        Assert.Equal("Helps others grow and learn.", last.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ChangesTheDimensionOfABehaviorNoCycleUses()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.PutAsJsonAsync("/v1/behaviors/empathy",
            new { dimension = "management", name = "Empathy", description = "Moved." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");
        Assert.Equal("management", list.EnumerateArray().Single(b => b.GetProperty("key").GetString() == "empathy").GetProperty("dimension").GetString());
    }

    [Fact]
    public async Task Returns409_WhenChangingTheDimensionOfABehaviorACycleUses()
    {
        var org = await api.CreateOrganizationAsync();
        var cycle = await org.Admin.PostAsJsonAsync("/v1/cycles", new { name = "2026 H1" });
        Assert.Equal(HttpStatusCode.Created, cycle.StatusCode);

        var response = await org.Admin.PutAsJsonAsync("/v1/behaviors/empathy",
            new { dimension = "management", name = "Empathy", description = "Moved." });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/behavior-in-use", problem.GetProperty("type").GetString());
        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");
        Assert.Equal("leadership", list.EnumerateArray().Single(b => b.GetProperty("key").GetString() == "empathy").GetProperty("dimension").GetString());

        // Renaming a used behavior within its dimension is still fine.
        var rename = await org.Admin.PutAsJsonAsync("/v1/behaviors/empathy",
            new { dimension = "leadership", name = "Empathy (renamed)", description = "Same dimension." });
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
    }

    [Fact]
    public async Task RetiresABehavior_WhichStaysListedAsRetired_AndIsBackAfterAPut()
    {
        var org = await api.CreateOrganizationAsync();

        var retire = await org.Admin.DeleteAsync("/v1/behaviors/empathy");
        Assert.Equal(HttpStatusCode.NoContent, retire.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync("/v1/behaviors/empathy")).StatusCode);

        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");
        Assert.Equal(8, list.GetArrayLength());
        Assert.True(list[1].GetProperty("retired").GetBoolean());

        var put = await org.Admin.PutAsJsonAsync("/v1/behaviors/empathy",
            new { dimension = "leadership", name = "Empathy", description = "Back." });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Returns404_WhenRetiringAnUnknownBehavior()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.DeleteAsync("/v1/behaviors/no-such-behavior");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KeepsEachOrganizationsCatalogApart()
    {
        var mine = await api.CreateOrganizationAsync();
        var theirs = await api.CreateOrganizationAsync();
        await theirs.Admin.PutAsJsonAsync("/v1/behaviors/theirs-only", new { dimension = "management", name = "X", description = "Y" });
        await theirs.Admin.DeleteAsync("/v1/behaviors/empathy");

        var list = await mine.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");

        Assert.Equal(8, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), b => Assert.False(b.GetProperty("retired").GetBoolean()));
        await (await mine.Admin.DeleteAsync("/v1/behaviors/theirs-only")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Upper-Case", "{\"dimension\":\"leadership\",\"name\":\"n\",\"description\":\"d\"}", "key")]
    [InlineData("-leading-dash", "{\"dimension\":\"leadership\",\"name\":\"n\",\"description\":\"d\"}", "key")]
    [InlineData("ok-key", "{\"name\":\"n\",\"description\":\"d\"}", "dimension")]
    [InlineData("ok-key", "{\"dimension\":\"leadership\",\"name\":\"\",\"description\":\"d\"}", "name")]
    [InlineData("ok-key", "{\"dimension\":\"leadership\",\"name\":\"n\",\"description\":\"\"}", "description")]
    public async Task Returns400_ForABadKeyOrBody(string key, string json, string field)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutAsync($"/v1/behaviors/{key}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Returns400_ForAnUnknownDimension()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PutAsync("/v1/behaviors/x",
            new StringContent("{\"dimension\":\"charisma\",\"name\":\"n\",\"description\":\"d\"}", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Returns403_WhenANonAdminKeyChangesTheCatalog()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("cycles:write");

        await (await client.PutAsJsonAsync("/v1/behaviors/x", new { dimension = "leadership", name = "n", description = "d" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/v1/behaviors/empathy")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
