namespace Feedback.Api.IntegrationTests.Cycles;

[Collection(ApiCollection.Name)]
public sealed class CyclesOpenApiTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData("/v1/behaviors", "get")]
    [InlineData("/v1/behaviors/{key}", "put")]
    [InlineData("/v1/behaviors/{key}", "delete")]
    [InlineData("/v1/cycles", "post")]
    [InlineData("/v1/cycles", "get")]
    [InlineData("/v1/cycles/{cycleId}", "get")]
    [InlineData("/v1/cycles/{cycleId}/open", "post")]
    [InlineData("/v1/cycles/{cycleId}/close", "post")]
    [InlineData("/v1/cycles/{cycleId}/assignments", "post")]
    [InlineData("/v1/cycles/{cycleId}/assignments", "get")]
    [InlineData("/v1/cycles/{cycleId}/progress", "get")]
    [InlineData("/v1/assignments/me", "get")]
    public async Task DocumentsEachOperation_WithASummaryAndSecurity(string path, string method)
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operation = doc.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("security").GetArrayLength() > 0);
    }

    [Fact]
    public async Task DocumentsTheRequestFieldsAndTheCycleSchema()
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var cycle = schemas.GetProperty("FeedbackCycle").GetProperty("properties");
        foreach (var field in new[] { "id", "name", "status", "behaviors", "scaleMin", "scaleMax", "anonymityThreshold", "createdAt", "openedAt", "closedAt" })
        {
            Assert.True(cycle.TryGetProperty(field, out _), field);
        }

        Assert.False(cycle.TryGetProperty("version", out _));
        Assert.True(schemas.GetProperty("CreateCycleRequest").GetProperty("properties").GetProperty("scaleMin").TryGetProperty("description", out _));
        Assert.True(schemas.TryGetProperty("MyAssignment", out _));
        Assert.True(schemas.TryGetProperty("SubjectProgress", out _));
    }
}
