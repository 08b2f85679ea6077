namespace Feedback.Api.Features.Webhooks;

/// <summary>The event types a subscription can ask for.</summary>
public static class WebhookEventTypes
{
    public const string CycleOpened = "cycle.opened";
    public const string CycleClosed = "cycle.closed";
    public const string ReportsReady = "reports.ready";
    public const string SheetSubmitted = "sheet.submitted";

    public static readonly IReadOnlyList<string> All = [CycleOpened, CycleClosed, ReportsReady, SheetSubmitted];
}

// The data of each event: ids and counts only. Never scores, comments or tokens — receivers are outside our
// anonymity rules.

/// <summary><c>cycle.opened</c>: the cycle and how many assignments it starts with.</summary>
public sealed record CycleOpenedData(Guid CycleId, int Assignments, int Subjects);

/// <summary><c>cycle.closed</c>: the cycle, its assignments and subjects, and the current sheets it froze.</summary>
public sealed record CycleClosedData(Guid CycleId, int Assignments, int Subjects, int Sheets);

/// <summary><c>reports.ready</c>: reports of the closed cycle can be read (one per subject).</summary>
public sealed record ReportsReadyData(Guid CycleId, int Subjects);

/// <summary><c>sheet.submitted</c>: a sheet was (re)submitted; <c>dimension</c> is leadership or management.</summary>
public sealed record SheetSubmittedData(Guid CycleId, Guid AssignmentId, Domain.Dimension Dimension, int Revision);

/// <summary>What the receiver gets: the envelope around an event's data.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset OccurredAt, Guid OrganizationId, System.Text.Json.JsonElement Data);
