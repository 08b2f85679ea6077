namespace Feedback.Api.IntegrationTests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class PlatformTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task HealthEndpointsAnswer200InPlainText()
    {
        var client = api.CreateClient();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task OpenApiDocumentDeclaresTheBearerSchemeAndSecuresOperations()
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var post = doc.GetProperty("paths").GetProperty("/v1/api-keys").GetProperty("post");
        Assert.True(post.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.False(doc.GetProperty("paths").TryGetProperty("/health/live", out _));
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var html = await api.CreateClient().GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger-ui", html);
    }
}
