using System.Collections.Concurrent;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// Remembers resolved tokens for a short time so a request costs no extra database round trip for auth (a sheet
/// submission should be one). Only hashes are keys; unknown tokens are never cached. A credential killed anywhere (an
/// API key revoked, a rater token reissued) is forgotten at once on this instance, and on every other instance as soon
/// as <see cref="CredentialRevocationListener"/> hears of it; while that listener is disconnected, at the latest after
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class CredentialCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> entries = new();
    private long evictions;

    /// <summary>
    /// Changes whenever something is forgotten. A lookup reads it before going to the database and hands it to
    /// <see cref="Set"/>, so a credential killed while the lookup was in flight is not cached from a stale read.
    /// </summary>
    public long Epoch => Interlocked.Read(ref evictions);

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

    /// <param name="hash">The token's hash.</param>
    /// <param name="caller">What the database said the token is.</param>
    /// <param name="epoch">The <see cref="Epoch"/> read before that database lookup.</param>
    public void Set(byte[] hash, Caller caller, long epoch)
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear(); // crude bound on memory; a cold cache only costs lookups
        }

        var key = Convert.ToHexString(hash);
        entries[key] = (caller, clock.GetUtcNow() + Lifetime);

        // An eviction bumps the epoch before it scans; re-checking after the write closes the gap between the two.
        if (Epoch != epoch)
        {
            entries.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets a revoked credential at once.</summary>
    public void Forget(byte[] hash)
    {
        Interlocked.Increment(ref evictions);
        entries.TryRemove(Convert.ToHexString(hash), out _);
    }

    /// <summary>Forgets every cached token of a credential (an API key's id, or a rater token's assignment id).</summary>
    public void ForgetCredential(Guid credentialId)
    {
        Interlocked.Increment(ref evictions);
        foreach (var (key, entry) in entries)
        {
            if (entry.Caller.CredentialId == credentialId)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets everything (after missing revocations, e.g. while the listener was disconnected).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref evictions);
        entries.Clear();
    }
}
