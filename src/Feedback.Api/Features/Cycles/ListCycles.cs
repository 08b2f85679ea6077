using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

public sealed record ListCyclesQuery(Guid OrganizationId, string? Status, int? Limit, string? Cursor) : IQuery<Page<FeedbackCycle>>;

/// <summary>Newest first (ids are UUIDv7, so by id descending); optionally only one status.</summary>
public sealed class ListCyclesHandler(FeedbackDbContext db) : IQueryHandler<ListCyclesQuery, Page<FeedbackCycle>>
{
    public async ValueTask<Page<FeedbackCycle>> Handle(ListCyclesQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        var status = ParseStatus(query.Status);
        Guid? before = Cursor.Decode(query.Cursor, 1) is [var id]
            ? Guid.TryParse(id, out var g) ? g : throw new RequestValidationException("cursor", "The cursor is not one this list returned.")
            : null;

        var rows = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == query.OrganizationId)
            .Where(c => status == null || c.Status == status)
            .Where(c => before == null || c.Id < before)
            .OrderByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(FeedbackCycle.Projection)
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, c => Cursor.Encode(c.Id.ToString()));
    }

    private static CycleStatus? ParseStatus(string? status) => status switch
    {
        null => null,
        "draft" => CycleStatus.Draft,
        "open" => CycleStatus.Open,
        "closed" => CycleStatus.Closed,
        _ => throw new RequestValidationException("status", "status is draft, open or closed."),
    };
}
