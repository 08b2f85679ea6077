using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>Small caps, so the tests reach them with a handful of rows.</summary>
public sealed class SmallLimitsApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Assignments:MaxNewPerGenerate", "5");
        builder.UseSetting("Feedback:Webhooks:MaxSubscriptionsPerOrganization", "2");
    }
}

public sealed class LimitsTests(SmallLimitsApiFactory api) : IClassFixture<SmallLimitsApiFactory>
{
    [Fact]
    public async Task AGenerateCallThatWouldCreateMoreThanTheCap_Is400AskingForSubjects_AndCreatesNothing()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"), ("cid", "boss"));
        var cycleId = await org.CreateCycleAsync();

        var all = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments/generate", new { });

        var problem = await all.AssertValidationProblemAsync("subjects");
        Assert.Contains("pass subjects", problem.GetProperty("errors").GetProperty("subjects")[0].GetString());
        var list = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/assignments");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());

        // In batches it goes through.
        var batch = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/assignments/generate", new { subjects = new[] { "ann" } });
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.InRange((await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32(), 1, 5);
    }

    [Fact]
    public async Task AnOrganizationAtItsWebhookCap_Gets409_UntilItDeletesOne()
    {
        var org = await api.CreateOrganizationAsync();
        var first = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/1", events = new[] { "cycle.opened" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/2", events = new[] { "cycle.opened" } })).StatusCode);

        var third = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/3", events = new[] { "cycle.opened" } });

        var problem = await third.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/limit-reached", problem.GetProperty("type").GetString());
        // The cap is per organization.
        var other = await api.CreateOrganizationAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/x", events = new[] { "cycle.opened" } })).StatusCode);

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync($"/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/3", events = new[] { "cycle.opened" } })).StatusCode);
    }

    [Fact]
    public async Task ConcurrentCreations_NeverPassTheCap()
    {
        var org = await api.CreateOrganizationAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = $"https://hooks.example.com/{i}", events = new[] { "cycle.opened" } })));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}
