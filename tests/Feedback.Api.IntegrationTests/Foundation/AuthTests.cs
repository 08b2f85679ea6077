namespace Feedback.Api.IntegrationTests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns401_WhenNoTokenIsSent()
    {
        var response = await api.ClientWithToken(null).GetAsync("/v1/api-keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("fbk_this-key-was-never-issued-by-anyone-000000")]
    [InlineData("fbr_this-token-was-never-issued-by-anyone-0000")]
    [InlineData("not-a-feedback-token")]
    public async Task Returns401_WhenTokenIsUnknown(string token)
    {
        var response = await api.ClientWithToken(token).GetAsync("/v1/api-keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Returns401_WhenKeyIsRevoked()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await (await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "to revoke", scopes = new[] { "admin" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(key).GetAsync("/v1/api-keys")).StatusCode);

        var revoke = await org.Admin.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var response = await api.ClientWithToken(key).GetAsync("/v1/api-keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Returns403_WhenKeyLacksTheScope()
    {
        var org = await api.CreateOrganizationAsync();
        var client = await org.ClientWithScopesAsync("reports:read");
        var response = await client.PostAsJsonAsync("/v1/api-keys", new { name = "x", scopes = new[] { "admin" } });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returns404_WhenRevokingAnotherOrganizationsKey()
    {
        var mine = await api.CreateOrganizationAsync();
        var theirs = await api.CreateOrganizationAsync();
        var theirKey = await (await theirs.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "theirs", scopes = new[] { "reports:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var response = await mine.Admin.DeleteAsync($"/v1/api-keys/{theirKey.GetProperty("id").GetString()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await theirs.Admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetString() == theirKey.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Returns404_WhenRevokingAKeyTwice()
    {
        var org = await api.CreateOrganizationAsync();
        var key = await (await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "once", scopes = new[] { "reports:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/v1/api-keys/{key.GetProperty("id").GetString()}";

        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync(path)).StatusCode);
        await (await org.Admin.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
