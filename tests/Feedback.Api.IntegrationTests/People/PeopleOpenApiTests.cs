namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class PeopleOpenApiTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task DescribesThePeopleOperations()
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");

        var person = paths.GetProperty("/v1/people/{externalId}");
        Assert.Equal("UpsertPerson", person.GetProperty("put").GetProperty("operationId").GetString());
        Assert.Contains(person.GetProperty("put").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match");
        Assert.True(person.GetProperty("put").GetProperty("responses").TryGetProperty("412", out _));
        Assert.True(person.GetProperty("put").GetProperty("responses").GetProperty("201").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.True(person.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.Equal("^[A-Za-z0-9._@:-]{1,128}$", person.GetProperty("get").GetProperty("parameters")[0].GetProperty("schema").GetProperty("pattern").GetString());
        Assert.Equal("GetPerson", person.GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("DeactivatePerson", person.GetProperty("delete").GetProperty("operationId").GetString());
        var cursor = paths.GetProperty("/v1/people").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "cursor");
        Assert.False(cursor.GetProperty("schema").TryGetProperty("pattern", out _)); // the pattern stays on externalId
        Assert.Equal("ListPeople", paths.GetProperty("/v1/people").GetProperty("get").GetProperty("operationId").GetString());

        var import = paths.GetProperty("/v1/people/import").GetProperty("post");
        var content = import.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.Equal("string", content.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("rows[i]", import.GetProperty("description").GetString());

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("PersonProfile").GetProperty("properties").TryGetProperty("directReports", out _));
        Assert.True(schemas.TryGetProperty("PeopleImported", out _));
        Assert.True(schemas.TryGetProperty("PersonImportRow", out _));
    }
}
