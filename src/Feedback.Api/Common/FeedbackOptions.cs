namespace Feedback.Api.Common;

/// <summary>The <c>Feedback</c> configuration section (environment variables <c>Feedback__*</c>).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// Start even when the database acknowledges commits it may lose in a crash (<c>fsync=off</c> or
    /// <c>synchronous_commit=off</c>, as the API's own connection sees them). Off: such a database stops the start,
    /// since a submitted sheet answered 200 could then vanish. Only for throwaway test databases.
    /// </summary>
    public bool AllowUnsafeDurability { get; set; }

    /// <summary>
    /// Prepare the hot statements on each connection (<see cref="Data.PreparedStatements"/>). Off only for a connection
    /// pooler that cannot keep protocol-level prepared statements (PgBouncer before 1.21, or without
    /// <c>max_prepared_statements</c>, in transaction mode).
    /// </summary>
    public bool PrepareStatements { get; set; } = true;
    public bool SwaggerUi { get; set; } = true;
    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>
    /// Where clients reach this service (scheme, host, optional path; no trailing slash needed). Links the service
    /// hands out (rater links, SCIM locations) start with it, never with the request's Host header, which a caller
    /// controls.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    public sealed class BootstrapOptions
    {
        public string? AdminApiKey { get; set; }
        public string OrganizationName { get; set; } = "Default";
    }

    /// <summary>
    /// Every reason the service must not start, each as one line. Checked before the host is built so a
    /// bad setting stops the process with a message instead of a stack trace.
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, bool isDevelopment)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Feedback")))
        {
            problems.Add("ConnectionStrings__Feedback is not set: give the PostgreSQL connection string.");
        }

        var options = configuration.GetSection(Section).Get<FeedbackOptions>() ?? new FeedbackOptions();
        var key = options.Bootstrap.AdminApiKey;
        if (!string.IsNullOrEmpty(key) && Auth.TokenFormat.BootstrapKeyProblem(key, isDevelopment) is { } keyProblem)
        {
            problems.Add("Feedback__Bootstrap__AdminApiKey " + keyProblem);
        }

        if (string.IsNullOrWhiteSpace(options.Bootstrap.OrganizationName) || options.Bootstrap.OrganizationName.Length > 200)
        {
            problems.Add("Feedback__Bootstrap__OrganizationName must be 1 to 200 characters.");
        }

        if (!PublicUrls.IsValidBaseUrl(options.PublicBaseUrl))
        {
            problems.Add("Feedback__PublicBaseUrl must be an absolute http or https URL without query or fragment, e.g. https://feedback.example.com.");
        }

        problems.AddRange(Secrets.KeyRingOptions.Problems(configuration, isDevelopment));
        problems.AddRange(Http.ForwardedHeadersSettings.Problems(configuration));
        problems.AddRange(Features.Webhooks.WebhookOptions.Problems(configuration));
        problems.AddRange(Features.Assignments.AssignmentOptions.Problems(configuration));
        problems.AddRange(Features.Ratings.SheetRevisionOptions.Problems(configuration));
        problems.AddRange(Http.RateLimitOptions.Problems(configuration));
        problems.AddRange(Features.Outcomes.OutcomeOptions.Problems(configuration));
        problems.AddRange(Telemetry.MetricsOptions.Problems(configuration));
        return problems;
    }
}
