using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <summary>What a rater sees: whom they rate, on which behaviors and scale, and which sheets they have submitted.</summary>
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

/// <summary>Whether each sheet is submitted: its revision and time, or null until submitted. Never its content.</summary>
public sealed record SheetsByDimension(SubmittedSheet? Leadership, SubmittedSheet? Management);

/// <summary>
/// A submitted sheet, without its scores or comment: sheets are write-only, even to the rater token (whoever handed
/// the token out could use it).
/// </summary>
/// <param name="Revision">1 for the first submission, +1 for each resubmission.</param>
/// <param name="SubmittedAt">When the current revision was stored.</param>
public sealed record SubmittedSheet(int Revision, DateTimeOffset SubmittedAt);

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
        // Only the receipt columns: a sheet's scores and comment are never read for a response.
        var sheets = await db.Sheets.AsNoTracking()
            .Where(s => s.OrganizationId == org && s.AssignmentId == query.AssignmentId)
            .Select(s => new { s.Dimension, s.Revision, s.SubmittedAt })
            .ToListAsync(cancellationToken);

        return new MyAssignment(
            query.AssignmentId, head.CycleId, head.Name, head.Status, head.Relationship,
            new AssignmentSubject(head.ExternalId, head.DisplayName), head.ScaleMin, head.ScaleMax,
            new BehaviorsByDimension(Of(Dimension.Leadership), Of(Dimension.Management)),
            new SheetsByDimension(SheetOf(Dimension.Leadership), SheetOf(Dimension.Management)));

        List<BehaviorToRate> Of(Dimension d) => behaviors.Where(b => b.Dimension == d).Select(b => b.Behavior).ToList();

        SubmittedSheet? SheetOf(Dimension d) => sheets.SingleOrDefault(s => s.Dimension == d) is { } s
            ? new SubmittedSheet(s.Revision, s.SubmittedAt)
            : null;
    }
}
