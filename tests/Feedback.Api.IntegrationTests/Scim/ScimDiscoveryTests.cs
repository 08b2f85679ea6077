namespace Feedback.Api.IntegrationTests.Scim;

/// <summary>The discovery resources, served without a token, and the SCIM operations in the OpenAPI document.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScimDiscoveryTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ServesServiceProviderConfigWithoutAToken()
    {
        var config = await (await api.ClientWithToken(null).GetAsync("/scim/v2/ServiceProviderConfig")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"], config.GetProperty("schemas").Strings());
        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.False(config.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal(200, config.GetProperty("filter").GetProperty("maxResults").GetInt32());
        Assert.True(config.GetProperty("etag").GetProperty("supported").GetBoolean());
        Assert.Equal("oauthbearertoken", config.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task ServesTheUserResourceTypeAndSchemas()
    {
        var client = api.ClientWithToken(null);
        var types = await (await client.GetAsync("/scim/v2/ResourceTypes")).AssertScimAsync(HttpStatusCode.OK);
        var user = types.GetProperty("Resources")[0];
        Assert.Equal("/Users", user.GetProperty("endpoint").GetString());
        Assert.Equal(ScimApi.Enterprise, user.GetProperty("schemaExtensions")[0].GetProperty("schema").GetString());

        var schemas = await (await client.GetAsync("/scim/v2/Schemas")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Equal(2, schemas.GetProperty("totalResults").GetInt32());
        var core = schemas.GetProperty("Resources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == ScimApi.UserSchema);
        var userName = core.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "userName");
        Assert.True(userName.GetProperty("required").GetBoolean());
        Assert.Equal("server", userName.GetProperty("uniqueness").GetString());

        var enterprise = await (await client.GetAsync($"/scim/v2/Schemas/{ScimApi.Enterprise}")).AssertScimAsync(HttpStatusCode.OK);
        Assert.Contains(enterprise.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "manager");
        await (await client.GetAsync("/scim/v2/Schemas/urn:nope")).AssertScimErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DocumentsTheScimOperationsInOpenApi()
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/scim/v2/Users"] = ["get", "post"],
            ["/scim/v2/Users/{id}"] = ["get", "put", "patch", "delete"],
            ["/scim/v2/ServiceProviderConfig"] = ["get"],
            ["/scim/v2/Schemas"] = ["get"],
            ["/scim/v2/ResourceTypes"] = ["get"],
        };
        foreach (var (path, methods) in expected)
        {
            foreach (var method in methods)
            {
                var operation = paths.GetProperty(path).GetProperty(method);
                Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            }
        }

        var post = paths.GetProperty("/scim/v2/Users").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/scim+json", out _));
        Assert.True(post.GetProperty("responses").GetProperty("201").GetProperty("content").TryGetProperty("application/scim+json", out _));
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("ScimUser", out _));
    }
}
