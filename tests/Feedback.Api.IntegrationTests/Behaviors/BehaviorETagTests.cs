namespace Feedback.Api.IntegrationTests.Behaviors;

[Collection(ApiCollection.Name)]
public sealed class BehaviorETagTests(FeedbackApiFactory api)
{
    private static HttpRequestMessage Put(string key, string name, string? ifMatch) =>
        new(HttpMethod.Put, $"/v1/behaviors/{key}")
        {
            Content = JsonContent.Create(new { dimension = "leadership", name, description = "Says what they mean." }),
            Headers = { { "If-Match", ifMatch ?? "*" } },
        };

    [Fact]
    public async Task Put_ReturnsAnETag_AndHonoursIfMatch()
    {
        var org = await api.CreateOrganizationAsync();
        var created = await org.Admin.PutAsJsonAsync("/v1/behaviors/candor", new { dimension = "leadership", name = "Candor", description = "Says what they mean." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = created.Headers.ETag!.Tag;

        var renamed = await org.Admin.SendAsync(Put("candor", "Candour", first));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(first, renamed.Headers.ETag!.Tag);

        var stale = await org.Admin.SendAsync(Put("candor", "Frankness", first));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var catalog = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/behaviors");
        Assert.Equal("Candour", catalog.EnumerateArray().Single(b => b.GetProperty("key").GetString() == "candor").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Put_WithIfMatch_OnABehaviorThatDoesNotExist_Is412()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.SendAsync(Put("not-yet", "Not yet", null));
        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }
}
