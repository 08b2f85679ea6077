using Feedback.Api.Common.Http;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

/// <summary>A feedback cycle.</summary>
/// <param name="Id">UUIDv7.</param>
/// <param name="Name">A label, e.g. "2026 H1".</param>
/// <param name="Status">draft → open → closed; closed is final.</param>
/// <param name="Behaviors">The keys of the behaviors the cycle asks about, in order.</param>
/// <param name="ScaleMin">Lowest score (0 or 1).</param>
/// <param name="ScaleMax">Highest score (3..10).</param>
/// <param name="AnonymityThreshold">k: the fewest raters any shown figure comes from (3..10).</param>
/// <param name="CreatedAt">When the cycle was created.</param>
/// <param name="OpenedAt">When it was opened; null while draft.</param>
/// <param name="ClosedAt">When it was closed; null until then.</param>
public sealed record FeedbackCycle(
    Guid Id,
    string Name,
    CycleStatus Status,
    IReadOnlyList<string> Behaviors,
    int ScaleMin,
    int ScaleMax,
    int AnonymityThreshold,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt)
{
    /// <summary>The row version, sent as the ETag header rather than in the body.</summary>
    [JsonIgnore]
    public uint Version { get; init; }

    [JsonIgnore]
    public string ETag => EntityTag.Format(Version);

    internal static Expression<Func<Cycle, FeedbackCycle>> Projection { get; } = c => new FeedbackCycle(
        c.Id, c.Name, c.Status,
        c.Behaviors.OrderBy(b => b.Position).Select(b => b.BehaviorKey).ToList(),
        c.ScaleMin, c.ScaleMax, c.AnonymityThreshold, c.CreatedAt, c.OpenedAt, c.ClosedAt)
    {
        Version = c.Version,
    };

    private static readonly Func<Cycle, FeedbackCycle> Compiled = Projection.Compile();

    /// <summary>The same projection over a loaded entity (with its behaviors).</summary>
    internal static FeedbackCycle FromEntity(Cycle cycle) => Compiled(cycle);

    /// <summary>The cycle as the organization sees it; 404 for an unknown cycle or another organization's.</summary>
    internal static async Task<FeedbackCycle> LoadAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.Id == cycleId)
            .Select(Projection)
            .SingleOrDefaultAsync(ct)
        ?? throw CycleNotFound(cycleId);

    internal static NotFoundException CycleNotFound(Guid cycleId) => new($"No cycle {cycleId}.");
}
