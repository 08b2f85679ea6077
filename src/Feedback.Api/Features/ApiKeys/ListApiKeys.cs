using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.ApiKeys;

public sealed record ApiKeySummary(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public sealed record ListApiKeysQuery(Guid OrganizationId, int? Limit, string? Cursor) : IQuery<Page<ApiKeySummary>>;

public sealed class ListApiKeysHandler(FeedbackDbContext db) : IQueryHandler<ListApiKeysQuery, Page<ApiKeySummary>>
{
    public async ValueTask<Page<ApiKeySummary>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        var after = Cursor.Decode(query.Cursor, 1) is [var id] && Guid.TryParse(id, out var g) ? g : (Guid?)null;
        if (query.Cursor is not null && after is null)
        {
            throw new Common.RequestValidationException("cursor", "The cursor is not one this list returned.");
        }

        // Ids are UUIDv7, so ordering by id is ordering by creation.
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == query.OrganizationId && k.RevokedAt == null)
            .Where(k => after == null || k.Id > after)
            .OrderBy(k => k.Id)
            .Take(limit + 1)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Scopes, k.CreatedAt))
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, k => Cursor.Encode(k.Id.ToString()));
    }
}
