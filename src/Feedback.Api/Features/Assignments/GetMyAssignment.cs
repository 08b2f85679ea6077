using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <summary>What a rater sees: whom they rate, on which behaviors and scale, and what they have submitted so far.</summary>
public sealed record MyAssignment(
    Guid AssignmentId,
    Guid CycleId,
    string CycleName,
    CycleStatus CycleStatus,
    Relationship Relationship,
    AssignmentSubject Subject,
    int ScaleMin,
    int ScaleMax,
    BehaviorsByDimension Behaviors,
    SheetsByDimension Sheets);

/// <summary>The person being rated.</summary>
public sealed record AssignmentSubject(string ExternalId, string DisplayName);

/// <summary>The cycle's behaviors, in cycle order, per dimension.</summary>
public sealed record BehaviorsByDimension(IReadOnlyList<BehaviorToRate> Leadership, IReadOnlyList<BehaviorToRate> Management);

/// <summary>A behavior as shown to a rater.</summary>
public sealed record BehaviorToRate(string Key, string Name, string Description);

/// <summary>The rater's current sheet per dimension; null until submitted.</summary>
public sealed record SheetsByDimension(CurrentSheet? Leadership, CurrentSheet? Management);

/// <summary>A submitted sheet: a score (or null = not observed) per behavior of the dimension, in cycle order.</summary>
public sealed record CurrentSheet(
    Guid AssignmentId, Dimension Dimension, IReadOnlyDictionary<string, int?> Scores, string? Comment, int Revision, DateTimeOffset SubmittedAt);

public sealed record GetMyAssignmentQuery(Guid OrganizationId, Guid AssignmentId) : IQuery<MyAssignment>;

public sealed class GetMyAssignmentHandler(FeedbackDbContext db) : IQueryHandler<GetMyAssignmentQuery, MyAssignment>
{
    public async ValueTask<MyAssignment> Handle(GetMyAssignmentQuery query, CancellationToken cancellationToken)
    {
        var org = query.OrganizationId;
        var head = await (
                from a in db.Assignments.AsNoTracking()
                join c in db.Cycles on new { a.OrganizationId, Id = a.CycleId } equals new { c.OrganizationId, c.Id }
                join s in db.People on new { a.OrganizationId, Id = a.SubjectId } equals new { s.OrganizationId, s.Id }
                where a.OrganizationId == org && a.Id == query.AssignmentId
                select new { a.CycleId, c.Name, c.Status, a.Relationship, s.ExternalId, s.DisplayName, c.ScaleMin, c.ScaleMax })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The assignment of this token no longer exists.");

        var behaviors = await (
                from cb in db.CycleBehaviors.AsNoTracking()
                join b in db.Behaviors on new { cb.OrganizationId, Key = cb.BehaviorKey } equals new { b.OrganizationId, b.Key }
                where cb.OrganizationId == org && cb.CycleId == head.CycleId
                orderby cb.Position
                select new { cb.Dimension, Behavior = new BehaviorToRate(b.Key, b.Name, b.Description) })
            .ToListAsync(cancellationToken);
        var sheets = await db.Sheets.AsNoTracking()
            .Where(s => s.OrganizationId == org && s.AssignmentId == query.AssignmentId)
            .ToListAsync(cancellationToken);
        var order = behaviors.Select((b, i) => (b.Behavior.Key, i)).ToDictionary(x => x.Key, x => x.i);

        return new MyAssignment(
            query.AssignmentId, head.CycleId, head.Name, head.Status, head.Relationship,
            new AssignmentSubject(head.ExternalId, head.DisplayName), head.ScaleMin, head.ScaleMax,
            new BehaviorsByDimension(Of(Dimension.Leadership), Of(Dimension.Management)),
            new SheetsByDimension(SheetOf(Dimension.Leadership), SheetOf(Dimension.Management)));

        List<BehaviorToRate> Of(Dimension d) => behaviors.Where(b => b.Dimension == d).Select(b => b.Behavior).ToList();

        CurrentSheet? SheetOf(Dimension d) => sheets.SingleOrDefault(s => s.Dimension == d) is { } s
            ? new CurrentSheet(s.AssignmentId, s.Dimension, InCycleOrder(s.Scores), s.Comment, s.Revision, s.SubmittedAt)
            : null;

        // jsonb keeps keys in its own order; show them in the cycle's.
        Dictionary<string, int?> InCycleOrder(string scores) =>
            (JsonSerializer.Deserialize<Dictionary<string, int?>>(scores) ?? [])
                .OrderBy(kv => order.GetValueOrDefault(kv.Key, int.MaxValue))
                .ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
