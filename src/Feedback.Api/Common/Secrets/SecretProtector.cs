using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Feedback.Api.Common.Secrets;

/// <summary>
/// Encrypts what the service must store but nobody may read from the database: stored idempotency responses (they
/// hold one-time API keys, rater tokens and webhook secrets) and webhook signing secrets. ASP.NET Core Data Protection
/// (AES-256-CBC + HMAC-SHA256, keys rotated every 90 days) with the key ring in <see cref="KeyRingOptions.KeysDirectory"/>,
/// never in the database. Each use has its own purpose, so a ciphertext of one kind never decrypts as another.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector idempotency = provider.CreateProtector("Feedback.Idempotency.Response.v1");
    private readonly IDataProtector webhookSecrets = provider.CreateProtector("Feedback.Webhooks.SigningSecret.v1");

    public byte[] ProtectResponse(byte[] body) => idempotency.Protect(body);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that encrypted it is gone.</exception>
    public byte[] UnprotectResponse(byte[] stored) => idempotency.Unprotect(stored);

    public byte[] ProtectWebhookSecret(string secret) => webhookSecrets.Protect(Encoding.UTF8.GetBytes(secret));

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that encrypted it is gone.</exception>
    public string UnprotectWebhookSecret(byte[] stored) => Encoding.UTF8.GetString(webhookSecrets.Unprotect(stored));
}
