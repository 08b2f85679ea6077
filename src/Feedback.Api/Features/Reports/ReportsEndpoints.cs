using Feedback.Api.Common.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Feedback.Api.Features.Reports;

public static class ReportsEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Reports").RequireScopes(Scopes.ReportsRead);

        group.MapGet("/cycles/{cycleId:guid}/reports/people/{externalId}",
                async Task<Results<Ok<PersonReport>, StatusCodeHttpResult>> (
                    Guid cycleId, string externalId, HttpContext http, Caller caller, IMediator mediator, CancellationToken ct) =>
                {
                    var found = await mediator.Send(new GetPersonReportQuery(caller.OrganizationId, cycleId, externalId), ct);
                    var etag = ReportCaching.ETag("person", cycleId, found.ClosedAt, externalId);
                    return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(found.Report);
                })
            .WithName("GetPersonReport")
            .WithSummary("A person's report for a closed cycle")
            .WithDescription("Others' leadership, management and gap with statistics, per group and per behavior, self and "
                + "selfVsOthers, the quadrant and comments. Hidden figures are null (anonymity threshold). Carries an ETag; "
                + "If-None-Match answers 304.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/cycles/{cycleId:guid}/reports/gaps",
                async Task<IResult> (
                    Guid cycleId,
                    [FromQuery] string? sort,
                    [FromQuery] string? department,
                    [FromQuery] string? isManager,
                    [FromQuery] string? quadrant,
                    [FromQuery] int? limit,
                    [FromQuery] string? cursor,
                    HttpContext http, Caller caller, IMediator mediator, CancellationToken ct) =>
                {
                    http.Response.Headers.Vary = "Accept";
                    if (WantsCsv(http.Request))
                    {
                        var export = await mediator.Send(new ExportGapReportQuery(caller.OrganizationId, cycleId, sort, department, isManager, quadrant), ct);
                        var csvTag = ReportCaching.ETag("gaps.csv", cycleId, export.ClosedAt, http.Request.QueryString.Value);
                        return ReportCaching.IsNotModified(http, csvTag) ? ReportCaching.NotModified() : new GapReportCsvResult(export);
                    }

                    var found = await mediator.Send(new GetGapReportQuery(caller.OrganizationId, cycleId, sort, department, isManager, quadrant, limit, cursor), ct);
                    var etag = ReportCaching.ETag("gaps", cycleId, found.ClosedAt, http.Request.QueryString.Value);
                    return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(found.Report);
                })
            .WithName("GetGapReport")
            .WithSummary("The organization's leadership–management gap report for a closed cycle")
            .WithDescription("A whole-cycle summary and the reportable subjects, sorted (sort: gap, -gap, leadership, -leadership, "
                + "management, -management, name; nulls last, ties by externalId) and filtered (department, isManager, quadrant), "
                + "a page at a time. With Accept: text/csv, every filtered row as CSV, ignoring limit and cursor.")
            .Produces<GapReport>(StatusCodes.Status200OK, "application/json", GapReportCsvResult.MediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The CSV body is text, not the JSON schema both media types were declared with.
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(GapReportCsvResult.MediaType, out var csv) == true)
                {
                    csv.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "Header externalId,displayName,department,isManager,leadership,management,gap,gapCiLow,gapCiHigh,"
                            + "significant,quadrant; one row per subject; empty cells for null.",
                    };
                }

                return Task.CompletedTask;
            })
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/people/{externalId}/reports/trend",
                async Task<Results<Ok<IReadOnlyList<TrendPoint>>, StatusCodeHttpResult>> (
                    string externalId, HttpContext http, Caller caller, IMediator mediator, CancellationToken ct) =>
                {
                    var points = await mediator.Send(new GetTrendQuery(caller.OrganizationId, externalId), ct);
                    var etag = ReportCaching.ETag(["trend", externalId, .. points.SelectMany(p => new object[] { p.CycleId, p.ClosedAt })]);
                    return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(points);
                })
            .WithName("GetTrend")
            .WithSummary("A person's others' scores and gap across closed cycles, oldest first")
            .WithDescription("One entry per closed cycle in which the person was a subject: the others' leadership and management "
                + "scores and the gap statistics, or nulls where that cycle's report was suppressed. Unknown person → 404; "
                + "no cycles → `[]`.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>CSV when the client asks for text/csv at least as strongly as for JSON; JSON otherwise.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        double csv = 0, json = 0;
        foreach (var type in request.GetTypedHeaders().Accept)
        {
            var q = type.Quality ?? 1;
            if (type.MediaType.Equals(GapReportCsvResult.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, q);
            }
            else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }

        return csv > 0 && csv >= json;
    }
}
