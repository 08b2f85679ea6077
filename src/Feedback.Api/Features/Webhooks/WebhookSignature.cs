using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Features.Webhooks;

/// <summary>
/// <c>Webhook-Signature: v1=&lt;base64 HMAC-SHA256(key, "{Webhook-Id}.{Webhook-Timestamp}.{body}")&gt;</c> where the key
/// is the UTF-8 bytes of the whole secret as shown at creation (including <c>whsec_</c>) and body the exact bytes
/// sent. During a secret rotation's overlap there is one <c>v1=</c> value per valid secret, newest first, separated
/// by a space (as Standard Webhooks does): a receiver accepts the delivery when any of them matches.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The header value for all <paramref name="secrets"/> (current first).</summary>
    public static string Sign(IEnumerable<string> secrets, string eventId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, eventId, timestamp, body)));

    public static string Sign(string secret, string eventId, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}"));
        return $"{Version}={Convert.ToBase64String(mac)}";
    }
}
