namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed class SheetOpenApiTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData("leadership", "SubmitLeadershipSheet")]
    [InlineData("management", "SubmitManagementSheet")]
    public async Task TheDocumentDescribesEachSheetOperation_WithItsBody_Response_AndErrors(string dimension, string operationId)
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var put = doc.GetProperty("paths").GetProperty($"/v1/cycles/{{cycleId}}/assignments/{{assignmentId}}/{dimension}").GetProperty("put");
        Assert.Equal(operationId, put.GetProperty("operationId").GetString());
        Assert.EndsWith("SubmitSheetRequest",
            put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
            StringComparison.Ordinal);
        var responses = put.GetProperty("responses");
        Assert.EndsWith("SheetSubmitted",
            responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
            StringComparison.Ordinal);
        foreach (var status in new[] { "400", "403", "404", "409", "413", "415" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"no {status} response documented");
        }

        Assert.False(put.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "body"));
    }
}
