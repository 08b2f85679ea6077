namespace Feedback.Api.IntegrationTests.Integration;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(FeedbackApiFactory api)
{
    private static HttpRequestMessage CreateKey(string idempotencyKey, string name) =>
        new(HttpMethod.Post, "/v1/api-keys")
        {
            Content = JsonContent.Create(new { name, scopes = new[] { "reports:read" } }),
            Headers = { { "Idempotency-Key", idempotencyKey } },
        };

    private static async Task<int> CountKeysNamedAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonElement>("/v1/api-keys?limit=200"))
            .GetProperty("items").EnumerateArray().Count(k => k.GetProperty("name").GetString() == name);

    [Fact]
    public async Task FiftyConcurrentPosts_WithOneKey_HaveExactlyOneEffectAndIdenticalResponses()
    {
        var org = await api.CreateOrganizationAsync();
        var admin = org.Admin;
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => admin.SendAsync(CreateKey(key, "concurrent"))));

        Assert.Equal(1, await CountKeysNamedAsync(admin, "concurrent"));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        // Once the first has finished, every retry replays it.
        var replay = await admin.SendAsync(CreateKey(key, "concurrent"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(bodies[0], await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(created[0].Headers.Location, replay.Headers.Location);
    }

    [Fact]
    public async Task Replays_AfterAnApiRestart()
    {
        var org = await api.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var first = await org.Admin.SendAsync(CreateKey(key, "restart"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var restarted = api.WithWebHostBuilder(_ => { });
        var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", org.AdminKey);
        var replay = await client.SendAsync(CreateKey(key, "restart"));

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await CountKeysNamedAsync(org.Admin, "restart"));
    }

    [Fact]
    public async Task Returns422_WhenTheKeyIsReusedWithAnotherBody()
    {
        var org = await api.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.SendAsync(CreateKey(key, "first"))).StatusCode);

        var response = await org.Admin.SendAsync(CreateKey(key, "second"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await CountKeysNamedAsync(org.Admin, "second"));
    }

    [Fact]
    public async Task KeysArePerCredential()
    {
        var org = await api.CreateOrganizationAsync();
        var other = await org.ClientWithScopesAsync("admin");
        var key = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.Created, (await org.Admin.SendAsync(CreateKey(key, "per-credential"))).StatusCode);
        var second = await other.SendAsync(CreateKey(key, "per-credential"));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountKeysNamedAsync(org.Admin, "per-credential"));
    }

    [Fact]
    public async Task AFailedRequest_ReleasesTheKey()
    {
        var org = await api.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var invalid = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys")
        {
            Content = JsonContent.Create(new { name = "", scopes = new[] { "reports:read" } }),
            Headers = { { "Idempotency-Key", key } },
        };
        await (await org.Admin.SendAsync(invalid)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var corrected = await org.Admin.SendAsync(CreateKey(key, "corrected"));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task Returns400_ForAKeyLongerThan255()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.SendAsync(CreateKey(new string('k', 256), "long"));
        await response.AssertValidationProblemAsync("Idempotency-Key");
    }
}
