namespace Feedback.Api.Features.Webhooks;

/// <summary>The <c>Feedback:Webhooks</c> section (environment variables <c>Feedback__Webhooks__*</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Feedback:Webhooks";

    /// <summary>Run the dispatcher in this instance. Several instances may all run it (rows are claimed with SKIP LOCKED).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for new events and due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retry n (1-based) waits RetryBaseDelay × 2^(n-1), capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per delivery before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long the receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries one dispatcher sends at once.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Of those, at most this many for one organization, so one tenant's slow or dead receivers never occupy every slot
    /// and delay the others' events.
    /// </summary>
    public int ConcurrencyPerOrganization { get; set; } = 5;

    /// <summary>Plain http targets (tests, local development). Off: https only.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Targets on loopback, private, link-local, unique-local or CGNAT addresses (tests, local development,
    /// receivers inside your own network). Cloud metadata addresses stay refused.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>After <c>POST /v1/webhooks/{id}/secret</c>, how long the previous secret still signs (both signatures
    /// are sent), unless the request names another overlap.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Webhooks one organization may have.</summary>
    public int MaxSubscriptionsPerOrganization { get; set; } = 50;

    /// <summary>The longest overlap a rotation may ask for.</summary>
    public static readonly TimeSpan MaxSecretRotationOverlap = TimeSpan.FromDays(7);

    /// <summary>Handled events, their deliveries and the delivery log are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The wait before retry <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>A claimed attempt is retried by any instance once this passes without an outcome (the sender died).</summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromSeconds(30);

    /// <summary>Every bad setting in the section, one line each (checked before the host starts).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        WebhookOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<WebhookOptions>() ?? new WebhookOptions();
        }
        catch (InvalidOperationException e)
        {
            return [$"Feedback__Webhooks: {e.Message}"];
        }

        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("Feedback__Webhooks__PollInterval must be a positive time span, e.g. 00:00:01.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryBaseDelay)
        {
            problems.Add("Feedback__Webhooks__RetryBaseDelay must be positive and at most Feedback__Webhooks__MaxRetryDelay.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            problems.Add("Feedback__Webhooks__Timeout must be between 0 and 5 minutes.");
        }

        if (options.MaxAttempts is < 1 or > 100 || options.BatchSize is < 1 or > 1000)
        {
            problems.Add("Feedback__Webhooks__MaxAttempts must be 1..100 and Feedback__Webhooks__BatchSize 1..1000.");
        }

        if (options.ConcurrencyPerOrganization < 1 || options.ConcurrencyPerOrganization > options.BatchSize)
        {
            problems.Add("Feedback__Webhooks__ConcurrencyPerOrganization must be 1..Feedback__Webhooks__BatchSize.");
        }

        if (options.SecretRotationOverlap < TimeSpan.Zero || options.SecretRotationOverlap > MaxSecretRotationOverlap)
        {
            problems.Add("Feedback__Webhooks__SecretRotationOverlap must be between 00:00:00 and 7.00:00:00.");
        }

        if (options.MaxSubscriptionsPerOrganization is < 1 or > 10_000)
        {
            problems.Add("Feedback__Webhooks__MaxSubscriptionsPerOrganization must be 1..10000.");
        }

        return problems;
    }
}
