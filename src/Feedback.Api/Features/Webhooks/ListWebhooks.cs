using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks;

/// <summary>A webhook as listed: never its secret.</summary>
public sealed record WebhookSummary(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt);

public sealed record ListWebhooksQuery(Guid OrganizationId, int? Limit, string? Cursor) : IQuery<Page<WebhookSummary>>;

public sealed record GetWebhookQuery(Guid OrganizationId, Guid Id) : IQuery<WebhookSummary>;

public sealed class ListWebhooksHandler(FeedbackDbContext db) : IQueryHandler<ListWebhooksQuery, Page<WebhookSummary>>
{
    public async ValueTask<Page<WebhookSummary>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        Guid? after = Cursor.Decode(query.Cursor, 1) is [var id]
            ? Guid.TryParse(id, out var g) ? g : throw new RequestValidationException("cursor", "The cursor is not one this list returned.")
            : null;

        // Ids are UUIDv7: id order is creation order.
        var rows = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == query.OrganizationId)
            .Where(s => after == null || s.Id > after)
            .OrderBy(s => s.Id)
            .Take(limit + 1)
            .Select(s => new WebhookSummary(s.Id, s.Url, s.Events, s.Description, s.CreatedAt))
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, s => Cursor.Encode(s.Id.ToString()));
    }
}

public sealed class GetWebhookHandler(FeedbackDbContext db) : IQueryHandler<GetWebhookQuery, WebhookSummary>
{
    public async ValueTask<WebhookSummary> Handle(GetWebhookQuery query, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == query.OrganizationId && s.Id == query.Id)
            .Select(s => new WebhookSummary(s.Id, s.Url, s.Events, s.Description, s.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"No webhook {query.Id}.");
}
