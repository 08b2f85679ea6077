using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Features.Reports;
using Feedback.Api.Features.Reports.Pictures;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using System.Text.Json.Nodes;

namespace Feedback.Api.Features.Insight;

public static class InsightEndpoints
{
    public static void MapInsight(this IEndpointRouteBuilder routes)
    {
        if (!ChartStyle.HasFont)
        {
            routes.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Feedback.Charts").LogWarning(
                "No sans font is installed: report charts will have no labels. Install one (e.g. apt-get install fonts-dejavu-core).");
        }

        var group = routes.MapGroup("/v1/cycles/{cycleId:guid}/reports").WithTags("Insight").RequireScopes(Scopes.ReportsRead);

        group.MapGet("/outcomes", async Task<Results<Ok<OutcomeReport>, StatusCodeHttpResult>> (
                Guid cycleId, HttpContext http, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var found = await mediator.Send(new GetOutcomeReportQuery(caller.OrganizationId, cycleId), ct);
                audit.Record(caller, AuditActions.OutcomeReportRead, cycleId);
                var etag = ReportCaching.ETag("outcomes", cycleId, found.ClosedAt, found.Outcomes, found.LastOutcomeAt);
                return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(found.Report);
            })
            .WithName("GetOutcomeReport")
            .WithSummary("How productivity, engagement and retention go with leadership, management and the gap")
            .WithDescription("""
                For a closed cycle, over the reportable subjects with the score shown and the outcome recorded: `n`,
                Pearson's r with its Fisher-z 95 % interval, Spearman's ρ and the two-sided p of the t test of r (n − 2
                df); every figure is null below `minimumN` (10) subjects or when a side does not vary. A 0/1 retention
                gives the point-biserial r (`method`). `groups` compares, per outcome, the mean of managersWhoArentLeaders
                with the other reportable managers, and of leadersWhoArentManagers with the other reportable non-managers
                (Welch 95 % interval of the difference). Correlation, not cause; nine
                tests per report (multiple comparisons). Only reportable subjects' shown scores are used, so nothing here
                reveals a rater. The ETag changes when outcomes are recorded; If-None-Match answers 304.
                """)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/teams", async Task<Results<Ok<TeamReport>, StatusCodeHttpResult>> (
                Guid cycleId, [FromQuery] string? by, HttpContext http, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var found = await mediator.Send(new GetTeamReportQuery(caller.OrganizationId, cycleId, by), ct);
                audit.Record(caller, AuditActions.TeamReportRead, cycleId);
                var etag = ReportCaching.ETag("teams", cycleId, found.ClosedAt, found.Report.By);
                return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(found.Report);
            })
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.Name == "by" && parameter.Schema is OpenApiSchema schema)
                    {
                        schema.Enum = [JsonValue.Create("department"), JsonValue.Create("manager")];
                        schema.Default = JsonValue.Create("department");
                        parameter.Description = "department (default) or manager.";
                    }
                }

                return Task.CompletedTask;
            })
            .WithName("GetTeamReport")
            .WithSummary("Reportable subjects rolled up by department or by manager")
            .WithDescription("""
                `by` = `department` (default; as snapshotted at close) or `manager` (the subject's manager at close, by
                externalId). Per team: reportable subjects, the means of their others' leadership, management and gap
                scores, and their quadrant counts. A team with fewer than k (the cycle's anonymity threshold) reportable
                subjects is folded into the `other` entry; when `other` would then hold 1..k−1 subjects, the smallest
                shown teams are folded too, so no small team can be recovered by subtracting the shown teams from the
                cycle's summary. Another `by` → 400.
                """)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
