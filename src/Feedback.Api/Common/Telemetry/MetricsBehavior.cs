using System.Diagnostics;
using Feedback.Api.Features.Cycles;
using Feedback.Api.Features.Ratings;
using Feedback.Api.Features.Reports;
using Mediator;

namespace Feedback.Api.Common.Telemetry;

/// <summary>
/// Counts the use cases <see cref="FeedbackMetrics"/> has instruments for, when they succeed: one place that says
/// what is counted, so handlers stay about their use case. Add a case here for a new report.
/// </summary>
public sealed class MetricsBehavior<TMessage, TResponse>(FeedbackMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        switch (message)
        {
            case SubmitLeadershipSheetCommand:
                metrics.SheetSubmitted("leadership");
                break;
            case SubmitManagementSheetCommand:
                metrics.SheetSubmitted("management");
                break;
            case CloseCycleCommand:
                metrics.CycleClosed(Stopwatch.GetElapsedTime(started));
                break;
            case GetPersonReportQuery:
                metrics.ReportServed("person");
                break;
            case GetGapReportQuery:
                metrics.ReportServed("gaps");
                break;
            case ExportGapReportQuery:
                metrics.ReportServed("gaps_csv");
                break;
            case GetTrendQuery:
                metrics.ReportServed("trend");
                break;
        }

        return response;
    }
}
