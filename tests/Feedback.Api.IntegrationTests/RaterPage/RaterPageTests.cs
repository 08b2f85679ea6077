namespace Feedback.Api.IntegrationTests.RaterPage;

/// <summary>How the rater page and its links are served (the browser tests cover what it does).</summary>
[Collection(ApiCollection.Name)]
public sealed class RaterPageTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ServesThePageWithoutAToken_WithAStrictContentSecurityPolicy()
    {
        var response = await api.ClientWithToken(null).GetAsync("/rate");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<title>", html);
        Assert.DoesNotContain("http://", html); // nothing loaded from elsewhere
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("/rate/rate.css", "text/css")]
    [InlineData("/rate/rate.js", "text/javascript")]
    public async Task ServesItsOwnAssets(string path, string mediaType)
    {
        var response = await api.ClientWithToken(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Returns404_ForAnAssetItDoesNotHave()
    {
        var response = await api.ClientWithToken(null).GetAsync("/rate/other.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GenerateReturnsARaterUrlBesideEachToken()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var cycle = await org.CreateCycleAsync();

        var generated = await (await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var assignments = generated.GetProperty("assignments").EnumerateArray().ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.Equal(
            "http://localhost:8080/rate#token=" + a.GetProperty("raterToken").GetString(), a.GetProperty("raterUrl").GetString()));
    }

    [Fact]
    public async Task CreateReturnsARaterUrlFromThePublicBaseUrl_NotFromTheHostHeader()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("ann", null), ("bob", null));
        var cycle = await org.CreateCycleAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{cycle}/assignments")
        {
            Content = JsonContent.Create(new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "peer" }),
        };
        request.Headers.Host = "evil.example";

        var created = await (await org.Admin.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("http://localhost:8080/rate#token=" + created.GetProperty("raterToken").GetString(), created.GetProperty("raterUrl").GetString());
    }
}
