using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Feedback.Api.Features.Webhooks.Targets;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks.Dispatch;

/// <summary>One signed POST of an event to the subscription's URL (and only there: redirects are not followed).</summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookTargetPolicy targets, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow();
        var url = new Uri(delivery.Url);
        if (!targets.AllowsScheme(url))
        {
            return new AttemptOutcome(null, Errors.InsecureScheme, started, started);
        }

        if (delivery.Secrets.Count == 0)
        {
            return new AttemptOutcome(null, Errors.NoSecret, started, started);
        }

        var body = Body(delivery);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var eventId = delivery.EventId.ToString();
        request.Headers.Add("Webhook-Id", eventId);
        request.Headers.Add("Webhook-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Webhook-Signature", WebhookSignature.Sign(delivery.Secrets, eventId, timestamp, body));
        request.Headers.Add("Webhook-Event", delivery.EventType);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
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
            error = Errors.Of(e);
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

    /// <summary>
    /// What the delivery log says went wrong: a fixed phrase per kind of failure, never the exception's message, which
    /// may carry the target's addresses or what it answered (an SSRF probe must learn nothing from the log).
    /// </summary>
    internal static class Errors
    {
        public const string InsecureScheme = "Plain http targets are not allowed (Feedback__Webhooks__AllowInsecureHttp is off).";
        public const string NoSecret = "The signing secret cannot be decrypted; rotate the webhook's secret.";
        public const string Refused = "The host resolves to an address webhooks may not go to (a private or reserved network).";
        public const string NameNotResolved = "The host name could not be resolved.";
        public const string ConnectionRefused = "Connection refused.";
        public const string ConnectionFailed = "Could not connect.";
        public const string Tls = "The TLS handshake failed (certificate or protocol).";
        public const string InvalidResponse = "The answer was not a valid HTTP response.";

        public static string Of(HttpRequestException e)
        {
            var causes = Causes(e).ToList();
            if (causes.OfType<WebhookTargetRefusedException>().Any())
            {
                return Refused;
            }

            if (causes.OfType<AuthenticationException>().Any() || e.HttpRequestError == HttpRequestError.SecureConnectionError)
            {
                return Tls;
            }

            return e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => NameNotResolved,
                HttpRequestError.ConnectionError when causes.OfType<SocketException>().Any(s => s.SocketErrorCode == SocketError.ConnectionRefused)
                    => ConnectionRefused,
                HttpRequestError.ConnectionError when causes.OfType<SocketException>().Any(s => s.SocketErrorCode == SocketError.HostNotFound)
                    => NameNotResolved,
                HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => InvalidResponse,
                _ => ConnectionFailed,
            };
        }

        private static IEnumerable<Exception> Causes(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                yield return e;
            }
        }
    }
}
