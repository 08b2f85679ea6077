using Feedback.Api.Common.Auth;

namespace Feedback.Api.Tests.Common;

public sealed class CredentialCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Guid Assignment = Guid.NewGuid();
    private static readonly byte[] OldToken = TokenFormat.Hash("fbr_old");
    private static readonly byte[] NewToken = TokenFormat.Hash("fbr_new");
    private static readonly byte[] OtherKey = TokenFormat.Hash("fbk_other");

    private static Caller Rater(Guid assignment) => new(Guid.NewGuid(), CallerKind.Rater, assignment, new HashSet<string>());

    [Fact]
    public void ForgetCredential_EvictsEveryTokenOfThatCredential_AndNothingElse()
    {
        var cache = new CredentialCache(new ManualClock());
        cache.Set(OldToken, Rater(Assignment), cache.Epoch);
        cache.Set(NewToken, Rater(Assignment), cache.Epoch);
        cache.Set(OtherKey, Rater(Guid.NewGuid()), cache.Epoch);

        cache.ForgetCredential(Assignment);

        Assert.False(cache.TryGet(OldToken, out _));
        Assert.False(cache.TryGet(NewToken, out _));
        Assert.True(cache.TryGet(OtherKey, out _));
    }

    [Fact]
    public void ALookupThatStartedBeforeAnEviction_IsNotCached()
    {
        // The database said "valid" before the reissue committed; the eviction arrived while the answer was in flight.
        var cache = new CredentialCache(new ManualClock());
        var epoch = cache.Epoch;
        cache.ForgetCredential(Assignment);

        cache.Set(OldToken, Rater(Assignment), epoch);

        Assert.False(cache.TryGet(OldToken, out _));
        cache.Set(OldToken, Rater(Assignment), cache.Epoch); // a lookup that started afterwards is cached
        Assert.True(cache.TryGet(OldToken, out _));
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var cache = new CredentialCache(new ManualClock());
        cache.Set(OtherKey, Rater(Guid.NewGuid()), cache.Epoch);
        cache.Clear();
        Assert.False(cache.TryGet(OtherKey, out _));
    }

    [Fact]
    public void AnEntry_ExpiresAfterTheLifetime()
    {
        var clock = new ManualClock();
        var cache = new CredentialCache(clock);
        cache.Set(OtherKey, Rater(Guid.NewGuid()), cache.Epoch);

        clock.Now += CredentialCache.Lifetime - TimeSpan.FromMilliseconds(1);
        Assert.True(cache.TryGet(OtherKey, out _));
        clock.Now += TimeSpan.FromMilliseconds(1);
        Assert.False(cache.TryGet(OtherKey, out _));
    }
}
