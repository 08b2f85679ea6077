using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// How a killed credential reaches every instance: the write that kills it (revoking an API key, reissuing a rater
/// token) also sends <c>NOTIFY feedback_credentials, '&lt;credential id&gt;'</c> in the same transaction, so the notice
/// goes out exactly when the change commits; every instance's <see cref="CredentialRevocationListener"/> then evicts it
/// from its <see cref="CredentialCache"/>. The payload is the credential's id (API key id or assignment id), never a
/// token or hash.
/// </summary>
public static class CredentialRevocations
{
    public const string Channel = "feedback_credentials";

    /// <summary>Queues the notice in the current transaction (PostgreSQL sends it at commit, never on rollback).</summary>
    public static async Task NotifyAsync(DbContext db, Guid credentialId, CancellationToken ct) =>
        await db.ExecuteAsync("credentials.notify-killed", $"SELECT pg_notify({Channel}, {credentialId.ToString()})", ct);
}
