namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class InsightOpenApiTests(FeedbackApiFactory api)
{
    private async Task<JsonElement> PathsAsync() =>
        (await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

    [Theory]
    [InlineData("/v1/cycles/{cycleId}/outcomes/{externalId}", "put")]
    [InlineData("/v1/cycles/{cycleId}/outcomes/import", "post")]
    [InlineData("/v1/cycles/{cycleId}/reports/outcomes", "get")]
    [InlineData("/v1/cycles/{cycleId}/reports/teams", "get")]
    public async Task DocumentsEachInsightOperation_WithASummarySecurityAndA200Schema(string path, string method)
    {
        var operation = (await PathsAsync()).GetProperty(path).GetProperty(method);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("security").GetArrayLength() > 0);
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
    }

    [Fact]
    public async Task DescribesThePicturesAsExtraMediaTypes_OfTheReportUrls()
    {
        var paths = await PathsAsync();
        var person = paths.GetProperty("/v1/cycles/{cycleId}/reports/people/{externalId}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Contains("PersonReport", person.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        foreach (var media in new[] { "image/svg+xml", "text/html" })
        {
            Assert.Equal("string", person.GetProperty(media).GetProperty("schema").GetProperty("type").GetString());
        }

        var gaps = paths.GetProperty("/v1/cycles/{cycleId}/reports/gaps").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("string", gaps.GetProperty("image/svg+xml").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("string", gaps.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheImportTakesJsonOrCsv_AndTheTeamsGroupingIsAnEnum()
    {
        var paths = await PathsAsync();
        var body = paths.GetProperty("/v1/cycles/{cycleId}/outcomes/import").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal(JsonValueKind.Array, body.GetProperty("application/json").GetProperty("example").ValueKind);
        Assert.StartsWith("externalId,", body.GetProperty("text/csv").GetProperty("example").GetString(), StringComparison.Ordinal);
        var put = paths.GetProperty("/v1/cycles/{cycleId}/outcomes/{externalId}").GetProperty("put").GetProperty("requestBody").GetProperty("content");
        Assert.Equal(1, put.GetProperty("application/json").GetProperty("example").GetProperty("retention").GetDouble());
        Assert.Equal("string", body.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());

        var by = paths.GetProperty("/v1/cycles/{cycleId}/reports/teams").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "by");
        Assert.Equal(["department", "manager"], by.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
