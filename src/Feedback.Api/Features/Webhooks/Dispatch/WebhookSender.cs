using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>One signed POST of an event to the subscription's URL (and only there: redirects are not followed).</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var body = Body(delivery);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var eventId = delivery.EventId.ToString();
        request.Headers.Add("Webhook-Id", eventId);
        request.Headers.Add("Webhook-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Webhook-Signature", WebhookSignature.Sign(delivery.Secret, eventId, timestamp, body));
        request.Headers.Add("Webhook-Event", delivery.EventType);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            // Headers only: the receiver's body is neither read nor logged.
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException e)
        {
            error = Truncate(e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }

        watch.Stop();
        return new AttemptOutcome(status, error, started, started + watch.Elapsed);
    }

    /// <summary>The exact bytes that are signed and sent: the envelope around the stored data.</summary>
    internal static string Body(ClaimedDelivery delivery)
    {
        using var data = JsonDocument.Parse(delivery.Data);
        return JsonSerializer.Serialize(
            new WebhookEnvelope(delivery.EventId, delivery.EventType, delivery.OccurredAt, delivery.OrganizationId, data.RootElement),
            WebhookOutbox.Json);
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];
}
