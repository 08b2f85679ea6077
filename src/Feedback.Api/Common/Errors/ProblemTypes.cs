namespace Feedback.Api.Common;

/// <summary>The <c>type</c> URIs of problem details. Stable: clients may branch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://feedback.example/problems/";

    public const string Validation = Base + "validation";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string MalformedRequest = Base + "malformed-request";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string IdempotencyInFlight = Base + "idempotency-in-flight";
    public const string IdempotencyUnreadable = Base + "idempotency-unreadable";
    public const string RateLimited = Base + "rate-limited";
    public const string DatabaseUnavailable = Base + "database-unavailable";
    public const string Internal = Base + "internal";
    public const string CycleNotOpen = Base + "cycle-not-open";
    public const string CycleNotClosed = Base + "cycle-not-closed";
    public const string CycleClosed = Base + "cycle-closed";
    public const string IllegalTransition = Base + "illegal-transition";
    public const string Duplicate = Base + "duplicate";
    public const string BehaviorInUse = Base + "behavior-in-use";
    public const string LimitReached = Base + "limit-reached";
    public const string OutcomesNoLongerAccepted = Base + "outcomes-no-longer-accepted";
}
