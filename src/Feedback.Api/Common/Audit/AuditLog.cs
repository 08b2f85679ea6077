using Feedback.Api.Common.Auth;

namespace Feedback.Api.Common.Audit;

/// <summary>
/// Security-relevant events as structured log lines in the <c>Feedback.Audit</c> category (route it to its own sink):
/// who (credential id and organization), did what (a stable action name), to which resource (its id). Never a secret,
/// token, score or comment: only ids, action names and the client address for failed authentications.
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "Feedback.Audit";

    private readonly ILogger logger = loggers.CreateLogger(Category);

    /// <summary>A credential did something to a resource.</summary>
    public void Record(Caller caller, string action, object resourceId) =>
        logger.LogInformation("Audit {Action} on {ResourceId} by {CredentialKind} {CredentialId} of organization {OrganizationId}",
            action, resourceId.ToString(), caller.Kind, caller.CredentialId, caller.OrganizationId);

    /// <summary>A request whose bearer token was malformed, unknown or revoked (the token itself is never logged).</summary>
    public void AuthenticationFailed(string clientAddress, string reason, bool limited) =>
        logger.LogWarning("Audit {Action} from {ClientAddress}: {Reason}{Limited}",
            AuditActions.AuthenticationFailed, clientAddress, reason, limited ? " (over the failed-authentication limit: 429)" : "");
}

/// <summary>The action names in the audit log.</summary>
public static class AuditActions
{
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string RaterTokenReissued = "rater-token.reissued";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret-rotated";
    public const string PersonReportRead = "report.person.read";
    public const string GapReportRead = "report.gaps.read";
    public const string GapReportExported = "report.gaps.exported";
    public const string TrendRead = "report.trend.read";
    public const string OutcomeReportRead = "report.outcomes.read";
    public const string TeamReportRead = "report.teams.read";
    public const string AuthenticationFailed = "authentication.failed";
}
