using System.Diagnostics.Metrics;

namespace Feedback.Api.Common.Telemetry;

/// <summary>
/// The service's own instruments, on the <c>Feedback</c> meter (exported with ASP.NET Core's, HttpClient's and
/// Npgsql's). Tags carry kinds and outcomes only, never ids, scores or tokens, so cardinality stays small.
/// </summary>
public sealed class FeedbackMetrics
{
    public const string MeterName = "Feedback";

    private readonly Counter<long> sheetsSubmitted;
    private readonly Counter<long> reportsServed;
    private readonly Histogram<double> closeDuration;
    private readonly Counter<long> webhookDeliveries;
    private readonly Counter<long> webhookFailures;
    private readonly Counter<long> idempotentReplays;
    private readonly Counter<long> replicaFallbacks;

    public FeedbackMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        sheetsSubmitted = meter.CreateCounter<long>("feedback.sheets.submitted", "{sheet}", "Sheets accepted (first submissions and replacements), by dimension.");
        reportsServed = meter.CreateCounter<long>("feedback.reports.served", "{report}", "Report reads answered, by report.");
        closeDuration = meter.CreateHistogram<double>("feedback.cycle.close.duration", "s", "Time to close a cycle, reports materialized included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        webhookDeliveries = meter.CreateCounter<long>("feedback.webhook.deliveries", "{delivery}", "Webhook attempts the receiver accepted (2xx), by event type.");
        webhookFailures = meter.CreateCounter<long>("feedback.webhook.failures", "{attempt}", "Webhook attempts that failed (non-2xx, timeout, refused), by event type.");
        idempotentReplays = meter.CreateCounter<long>("feedback.idempotency.replays", "{response}", "Responses replayed for a repeated Idempotency-Key.");
        replicaFallbacks = meter.CreateCounter<long>("feedback.replica.fallbacks", "{read}", "Report reads that went to the primary instead of the replica, by reason.");
    }

    public void SheetSubmitted(string dimension) => sheetsSubmitted.Add(1, new KeyValuePair<string, object?>("dimension", dimension));

    public void ReportServed(string report) => reportsServed.Add(1, new KeyValuePair<string, object?>("report", report));

    public void CycleClosed(TimeSpan duration) => closeDuration.Record(duration.TotalSeconds);

    public void WebhookAttempted(string eventType, bool succeeded) =>
        (succeeded ? webhookDeliveries : webhookFailures).Add(1, new KeyValuePair<string, object?>("event_type", eventType));

    public void IdempotentReplay() => idempotentReplays.Add(1);

    public void ReplicaFallback(string reason) => replicaFallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
