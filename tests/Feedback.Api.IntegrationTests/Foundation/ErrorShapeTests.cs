using System.Text;

namespace Feedback.Api.IntegrationTests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class ErrorShapeTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Returns400Problem_ForMalformedJson()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/api-keys", new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Returns400Problem_ForAWrongJsonType()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/api-keys", new StringContent("{\"name\": 5, \"scopes\": \"admin\"}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Returns400Problem_ForAnEmptyBody()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/api-keys", new StringContent("", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Returns415Problem_ForAWrongContentType()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/api-keys", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("https://feedback.example/problems/unsupported-media-type", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Returns413Problem_ForABodyOverTheLimit()
    {
        var org = await api.CreateOrganizationAsync();
        var huge = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\", \"scopes\": [\"admin\"]}";
        var response = await org.Admin.PostAsync("/v1/api-keys", new StringContent(huge, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Returns404Problem_ForAnUnknownRoute()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.GetAsync("/v1/no-such-thing");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
