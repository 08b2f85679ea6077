using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <summary>An assignment as listed: who rates whom, never the token.</summary>
public sealed record AssignmentSummary(
    Guid Id, Guid CycleId, string SubjectExternalId, string RaterExternalId, Relationship Relationship, DateTimeOffset CreatedAt);

public sealed record ListAssignmentsQuery(
    Guid OrganizationId, Guid CycleId, string? SubjectExternalId, string? RaterExternalId, int? Limit, string? Cursor)
    : IQuery<Page<AssignmentSummary>>;

/// <summary>In creation order (by id).</summary>
public sealed class ListAssignmentsHandler(FeedbackDbContext db) : IQueryHandler<ListAssignmentsQuery, Page<AssignmentSummary>>
{
    public async ValueTask<Page<AssignmentSummary>> Handle(ListAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        Guid? after = Cursor.Decode(query.Cursor, 1) is [var id]
            ? Guid.TryParse(id, out var g) ? g : throw new RequestValidationException("cursor", "The cursor is not one this list returned.")
            : null;
        var org = query.OrganizationId;
        if (!await db.Cycles.AnyAsync(c => c.OrganizationId == org && c.Id == query.CycleId, cancellationToken))
        {
            throw FeedbackCycle.CycleNotFound(query.CycleId);
        }

        var rows = await (
                from a in db.Assignments.AsNoTracking()
                join s in db.People on new { a.OrganizationId, Id = a.SubjectId } equals new { s.OrganizationId, s.Id }
                join r in db.People on new { a.OrganizationId, Id = a.RaterId } equals new { r.OrganizationId, r.Id }
                where a.OrganizationId == org && a.CycleId == query.CycleId
                    && (query.SubjectExternalId == null || s.ExternalId == query.SubjectExternalId)
                    && (query.RaterExternalId == null || r.ExternalId == query.RaterExternalId)
                    && (after == null || a.Id > after)
                orderby a.Id
                select new AssignmentSummary(a.Id, a.CycleId, s.ExternalId, r.ExternalId, a.Relationship, a.CreatedAt))
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, a => Cursor.Encode(a.Id.ToString()));
    }
}
