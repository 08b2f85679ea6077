using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks;

/// <summary>
/// Writes webhook events into the outbox table in the caller's unit of work: call it before your
/// <c>SaveChanges</c>/commit, and the event exists if and only if your change does. The dispatcher delivers it later
/// to every subscription of the organization that asked for its type.
/// </summary>
public static class WebhookOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Adds one event (tracked, not saved) and returns its id, the <c>Webhook-Id</c> receivers deduplicate on.
    /// <paramref name="data"/> must hold ids and counts only: use the records next to <see cref="WebhookEventTypes"/>,
    /// e.g. <c>new SheetSubmittedData(cycleId, assignmentId, dimension, revision)</c>.
    /// </summary>
    public static Guid Enqueue(FeedbackDbContext db, Guid organizationId, string eventType, object data, TimeProvider? clock = null)
    {
        if (!WebhookEventTypes.All.Contains(eventType))
        {
            throw new ArgumentException($"Unknown webhook event type '{eventType}'.", nameof(eventType));
        }

        var id = Ids.New();
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = id,
            OrganizationId = organizationId,
            Type = eventType,
            Data = JsonSerializer.Serialize(data, data.GetType(), Json),
            OccurredAt = (clock ?? TimeProvider.System).GetUtcNowForDatabase(),
        });
        return id;
    }

    // sheet.submitted is written by the database itself, in the transaction of the sheet it announces: the
    // sheets_after_write trigger (migration CheapSheetWrites), for every sheet written by any code path, and only when
    // the organization subscribed to it.

    /// <summary>Counts for the cycle events, read in the caller's transaction.</summary>
    internal static async Task<(int Assignments, int Subjects, int Sheets)> CountCycleAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, bool withSheets, CancellationToken ct)
    {
        var assignments = db.Assignments.Where(a => a.OrganizationId == organizationId && a.CycleId == cycleId);
        var count = await assignments.CountAsync(ct);
        var subjects = await assignments.Select(a => a.SubjectId).Distinct().CountAsync(ct);
        var sheets = withSheets
            ? await db.Sheets.CountAsync(s => s.OrganizationId == organizationId && s.CycleId == cycleId, ct)
            : 0;
        return (count, subjects, sheets);
    }
}
