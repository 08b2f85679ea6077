using System.Collections.Concurrent;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// Remembers resolved tokens for a short time so a request costs no extra database round trip for auth (a sheet
/// submission should be one). Only hashes are keys; unknown tokens are never cached. A revocation on this instance
/// takes effect at once; on other instances within <see cref="Lifetime"/>.
/// </summary>
public sealed class CredentialCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> entries = new();

    public bool TryGet(byte[] hash, out Caller? caller)
    {
        caller = null;
        if (entries.TryGetValue(Convert.ToHexString(hash), out var entry))
        {
            if (entry.Expires > clock.GetUtcNow())
            {
                caller = entry.Caller;
                return true;
            }

            entries.TryRemove(Convert.ToHexString(hash), out _);
        }

        return false;
    }

    public void Set(byte[] hash, Caller caller)
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear(); // crude bound on memory; a cold cache only costs lookups
        }

        entries[Convert.ToHexString(hash)] = (caller, clock.GetUtcNow() + Lifetime);
    }

    /// <summary>Forgets a revoked credential at once.</summary>
    public void Forget(byte[] hash) => entries.TryRemove(Convert.ToHexString(hash), out _);
}
