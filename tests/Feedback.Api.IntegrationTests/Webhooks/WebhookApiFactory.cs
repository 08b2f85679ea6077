using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Webhooks;

/// <summary>The API with its webhook dispatcher on and fast timings: poll and first retry after ~100 ms.</summary>
public class WebhookApiFactory : FeedbackApiFactory
{
    public const int MaxAttempts = 3;

    protected virtual bool DispatcherEnabled => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Webhooks:DispatcherEnabled", DispatcherEnabled ? "true" : "false");
        builder.UseSetting("Feedback:Webhooks:PollInterval", "00:00:00.1");
        builder.UseSetting("Feedback:Webhooks:RetryBaseDelay", "00:00:00.1");
        builder.UseSetting("Feedback:Webhooks:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Feedback:Webhooks:Timeout", "00:00:05");
        // The receivers are plain http on 127.0.0.1; production refuses both (WebhookSsrfTests).
        builder.UseSetting("Feedback:Webhooks:AllowInsecureHttp", "true");
        builder.UseSetting("Feedback:Webhooks:AllowPrivateNetworks", "true");
    }
}

/// <summary>An instance that commits events but never delivers them: the API "killed" before its dispatcher ran.</summary>
public sealed class SilentWebhookApiFactory : WebhookApiFactory
{
    protected override bool DispatcherEnabled => false;
}

/// <summary>
/// The webhook tests run alone (after the parallel collections), so the only dispatchers running are the ones these
/// tests start, and a test knows which instance delivered an event.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebhookCollection : ICollectionFixture<WebhookApiFactory>
{
    public const string Name = "webhooks";
}

/// <summary>Tests that start and stop their own API instances; no shared dispatcher may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebhookRestartCollection
{
    public const string Name = "webhooks-restart";
}

internal static class WebhookApi
{
    public static async Task<JsonElement> SubscribeAsync(this TestOrganization org, string url, params string[] events)
    {
        var response = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url, events, description = "test receiver" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Polls the delivery log until it holds <paramref name="count"/> attempts.</summary>
    public static async Task<JsonElement[]> WaitForAttemptsAsync(this TestOrganization org, Guid webhookId, int count, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries");
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            if (items.Length >= count)
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} attempts in the delivery log, got {items.Length}");
            await Task.Delay(50);
        }
    }

    /// <summary>Verifies the signature as a receiver would, from the documented recipe (not the service's code).</summary>
    public static bool HasValidSignature(this ReceivedWebhook hook, string secret)
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret),
            System.Text.Encoding.UTF8.GetBytes($"{hook.Id}.{hook.Timestamp}.{hook.Body}"));
        return hook.Signature == "v1=" + Convert.ToBase64String(mac);
    }
}
