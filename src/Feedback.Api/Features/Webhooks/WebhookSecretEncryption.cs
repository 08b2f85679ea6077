using Feedback.Api.Common.Secrets;
using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks;

/// <summary>
/// Versions before encryption at rest stored webhook secrets in clear (column <c>secret</c>). This moves each into
/// <c>protected_secret</c>, encrypted, and empties <c>secret</c>. It needs the key ring, which SQL cannot reach, so it
/// runs in C# at every start (a no-op once done) rather than in a migration. Safe with several instances starting at
/// once: each row is updated only while it still holds a clear secret.
/// </summary>
public sealed class WebhookSecretEncryption(FeedbackDbContext db, SecretProtector protector)
{
    public async Task<int> EncryptPlaintextSecretsAsync(CancellationToken ct)
    {
        var clear = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.PlaintextSecret != null)
            .Select(s => new { s.Id, s.PlaintextSecret })
            .ToListAsync(ct);
        var done = 0;
        foreach (var row in clear)
        {
            var secret = row.PlaintextSecret!;
            var encrypted = protector.ProtectWebhookSecret(secret);
            done += await db.WebhookSubscriptions
                .Where(s => s.Id == row.Id && s.PlaintextSecret == secret)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.ProtectedSecret, s => s.ProtectedSecret ?? encrypted)
                    .SetProperty(s => s.PlaintextSecret, (string?)null), ct);
        }

        return done;
    }
}
