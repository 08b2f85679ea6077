namespace Feedback.Api.Common.Telemetry;

/// <summary>The <c>Feedback:Metrics</c> section (environment variables <c>Feedback__Metrics__*</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Feedback:Metrics";

    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c> (off by default).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Serve <c>/metrics</c> only on this extra port (and listen on it), so the scrape endpoint can stay off the
    /// public Service; null = on the API's own port.
    /// </summary>
    public int? Port { get; set; }

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        MetricsOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<MetricsOptions>() ?? new MetricsOptions();
        }
        catch (InvalidOperationException e)
        {
            return [$"Feedback__Metrics: {e.Message}"];
        }

        return options.Port is < 1 or > 65535 ? ["Feedback__Metrics__Port must be a TCP port, 1 to 65535."] : [];
    }
}
