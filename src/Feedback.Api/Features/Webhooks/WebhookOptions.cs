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

        return problems;
    }
}
