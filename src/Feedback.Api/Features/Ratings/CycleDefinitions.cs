using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Feedback.Api.Features.Ratings;

/// <summary>What a sheet is checked against: the cycle's behaviors (key → dimension, in the cycle's order) and scale.</summary>
public sealed record CycleDefinition(IReadOnlyDictionary<string, Dimension> Behaviors, int ScaleMin, int ScaleMax);

/// <summary>
/// The cycles' sheet definitions, cached per instance so a submission's rules need no database round trip. A cycle's
/// behaviors and scale are fixed when it is created and no endpoint changes them, so an entry is never stale and
/// nothing invalidates it; only cycles past draft are cached (should drafts ever become editable, they stay
/// uncached). Bounded: at most <see cref="Capacity"/> cycles; beyond that the least recently used are evicted.
/// Keyed by organization and cycle, so a cycle id never answers for another organization.
/// </summary>
public sealed class CycleDefinitions : IDisposable
{
    public const int DefaultCapacity = 10_000;

    private readonly MemoryCache cache;

    public CycleDefinitions()
        : this(DefaultCapacity)
    {
    }

    internal CycleDefinitions(int capacity)
    {
        Capacity = capacity;
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });
    }

    public int Capacity { get; }

    /// <summary>How many cycles are cached now.</summary>
    public int Count => cache.Count;

    /// <summary>The cycle's definition, from the cache or one query; null when the organization has no such cycle.</summary>
    public async ValueTask<CycleDefinition?> GetAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct)
    {
        var key = new Key(organizationId, cycleId);
        if (cache.TryGetValue(key, out CycleDefinition? cached))
        {
            return cached;
        }

        var loaded = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.Id == cycleId)
            .Select(c => new
            {
                c.Status,
                c.ScaleMin,
                c.ScaleMax,
                Behaviors = c.Behaviors.OrderBy(b => b.Position).Select(b => new { b.BehaviorKey, b.Dimension }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (loaded is null)
        {
            return null;
        }

        var definition = new CycleDefinition(
            loaded.Behaviors.ToDictionary(b => b.BehaviorKey, b => b.Dimension, StringComparer.Ordinal), loaded.ScaleMin, loaded.ScaleMax);
        if (loaded.Status != CycleStatus.Draft)
        {
            Remember(key, definition);
        }

        return definition;
    }

    internal void Remember(Key key, CycleDefinition definition) =>
        cache.Set(key, definition, new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => cache.Dispose();

    internal readonly record struct Key(Guid OrganizationId, Guid CycleId);
}
