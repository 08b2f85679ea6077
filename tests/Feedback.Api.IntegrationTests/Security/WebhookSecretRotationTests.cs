using System.Security.Cryptography;
using System.Text;
using Feedback.Api.IntegrationTests.Webhooks;

namespace Feedback.Api.IntegrationTests.Security;

[Collection(WebhookCollection.Name)]
public sealed class WebhookSecretRotationTests(WebhookApiFactory api)
{
    [Fact]
    public async Task DuringTheOverlap_BothSignaturesAreSent_AfterAnImmediateRotation_OnlyTheNewOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        var webhook = await org.SubscribeAsync($"{receiver.BaseUrl}/rotating", "cycle.opened", "cycle.closed");
        var id = webhook.GetProperty("id").GetGuid();
        var first = webhook.GetProperty("secret").GetString()!;

        var rotation = await org.Admin.PostAsJsonAsync($"/v1/webhooks/{id}/secret", new { overlapSeconds = 3600 });
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.Equal("no-store", rotation.Headers.CacheControl?.ToString());
        var rotated = await rotation.Content.ReadFromJsonAsync<JsonElement>();
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", second);
        Assert.NotEqual(first, second);
        var expires = rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        var cycleId = await org.CreateCycleAsync();
        await org.TransitionAsync(cycleId, "open");
        var opened = Assert.Single(await receiver.WaitForAsync(h => h.Type == "cycle.opened"));
        var signatures = opened.Signature!.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.Equal(Sign(second, opened), signatures[0]); // the new one first
        Assert.Equal(Sign(first, opened), signatures[1]);
        Assert.True(Verifies(opened, first) && Verifies(opened, second));

        var immediate = await org.Admin.PostAsJsonAsync($"/v1/webhooks/{id}/secret", new { overlapSeconds = 0 });
        var immediateBody = await immediate.Content.ReadFromJsonAsync<JsonElement>();
        var third = immediateBody.GetProperty("secret").GetString()!;
        Assert.Equal(JsonValueKind.Null, immediateBody.GetProperty("previousSecretExpiresAt").ValueKind);

        await org.TransitionAsync(cycleId, "close");
        var closed = Assert.Single(await receiver.WaitForAsync(h => h.Type == "cycle.closed"));
        Assert.Equal(Sign(third, closed), closed.Signature);
        Assert.False(Verifies(closed, first));
        Assert.False(Verifies(closed, second));
    }

    [Fact]
    public async Task WithoutABody_TheConfiguredOverlapApplies_AndTheSecretIsNeverReadable()
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await org.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();

        var response = await org.Admin.PostAsync($"/v1/webhooks/{id}/secret", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset(),
            DateTimeOffset.UtcNow.AddHours(23.9), DateTimeOffset.UtcNow.AddHours(24.1));
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.DoesNotContain(secret, await org.Admin.GetStringAsync($"/v1/webhooks/{id}"));
        Assert.DoesNotContain(secret, await org.Admin.GetStringAsync("/v1/webhooks"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(604801)]
    public async Task AnOverlapOutside0To7Days_Is400(int overlapSeconds)
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await org.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();
        await (await org.Admin.PostAsJsonAsync($"/v1/webhooks/{id}/secret", new { overlapSeconds })).AssertValidationProblemAsync("overlapSeconds");
    }

    [Fact]
    public async Task AnotherOrganizationsWebhook_Is404()
    {
        var owner = await api.CreateOrganizationAsync();
        var stranger = await api.CreateOrganizationAsync();
        var id = (await owner.SubscribeAsync("https://hr.example.com/h", "cycle.opened")).GetProperty("id").GetGuid();
        await (await stranger.Admin.PostAsync($"/v1/webhooks/{id}/secret", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Admin.PostAsync($"/v1/webhooks/{Guid.NewGuid()}/secret", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The documented recipe, independent of the service's code.</summary>
    private static string Sign(string secret, ReceivedWebhook hook) =>
        "v1=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{hook.Id}.{hook.Timestamp}.{hook.Body}")));

    /// <summary>As a receiver verifies: any of the space-separated signatures matches.</summary>
    private static bool Verifies(ReceivedWebhook hook, string secret) => hook.Signature!.Split(' ').Contains(Sign(secret, hook));
}
