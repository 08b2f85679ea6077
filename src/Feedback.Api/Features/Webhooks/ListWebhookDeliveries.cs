using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks;

/// <summary>One HTTP attempt to deliver an event.</summary>
/// <param name="Id">The attempt's id.</param>
/// <param name="EventId">The event's id, sent as <c>Webhook-Id</c>; the same on every attempt.</param>
/// <param name="EventType">cycle.opened, cycle.closed, reports.ready or sheet.submitted.</param>
/// <param name="Attempt">1 for the first attempt of this event to this webhook, 2 for the first retry, …</param>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer (see <c>error</c>).</param>
/// <param name="Error">Why there was no answer (timeout, connection refused), else null.</param>
/// <param name="Succeeded">True on a 2xx answer: the event is delivered to this webhook.</param>
/// <param name="DurationMs">From sending the request to the receiver's status line (or the error).</param>
/// <param name="StartedAt">When the attempt started.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record WebhookDeliveryAttemptLog(
    Guid Id, Guid EventId, string EventType, int Attempt, int? StatusCode, string? Error, bool Succeeded,
    int DurationMs, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

public sealed record ListWebhookDeliveriesQuery(Guid OrganizationId, Guid WebhookId, int? Limit, string? Cursor)
    : IQuery<Page<WebhookDeliveryAttemptLog>>;

public sealed class ListWebhookDeliveriesHandler(FeedbackDbContext db)
    : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryAttemptLog>>
{
    public async ValueTask<Page<WebhookDeliveryAttemptLog>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        Guid? before = Cursor.Decode(query.Cursor, 1) is [var id]
            ? Guid.TryParse(id, out var g) ? g : throw new RequestValidationException("cursor", "The cursor is not one this list returned.")
            : null;

        if (!await db.WebhookSubscriptions.AnyAsync(s => s.OrganizationId == query.OrganizationId && s.Id == query.WebhookId, cancellationToken))
        {
            throw new NotFoundException($"No webhook {query.WebhookId}.");
        }

        // Newest first; attempt ids are UUIDv7, so id order is time order.
        var rows = await db.WebhookDeliveryAttempts.AsNoTracking()
            .Where(a => a.OrganizationId == query.OrganizationId && a.SubscriptionId == query.WebhookId)
            .Where(a => before == null || a.Id < before)
            .OrderByDescending(a => a.Id)
            .Take(limit + 1)
            .Select(a => new WebhookDeliveryAttemptLog(a.Id, a.EventId, a.EventType, a.Attempt, a.StatusCode, a.Error,
                a.StatusCode >= 200 && a.StatusCode < 300, a.DurationMs, a.StartedAt, a.FinishedAt))
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, limit, a => Cursor.Encode(a.Id.ToString()));
    }
}
