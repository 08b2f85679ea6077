using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Features.Reports.Pictures;
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
                async Task<IResult> (
                    Guid cycleId, string externalId, HttpContext http, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
                {
                    http.Response.Headers.Vary = "Accept";
                    var media = ReportMedia.Choose(http.Request, ReportMedia.Svg, ReportMedia.Html);
                    var found = await mediator.Send(new GetPersonReportQuery(caller.OrganizationId, cycleId, externalId), ct);
                    audit.Record(caller, AuditActions.PersonReportRead, $"{cycleId}/{externalId}");
                    var etag = ReportCaching.ETag("person", cycleId, found.ClosedAt, externalId, media);
                    if (ReportCaching.IsNotModified(http, etag))
                    {
                        return ReportCaching.NotModified();
                    }

                    if (media == ReportMedia.Json)
                    {
                        return TypedResults.Text(found.Json, "application/json; charset=utf-8");
                    }

                    var labels = await mediator.Send(new GetReportLabelsQuery(caller.OrganizationId, cycleId), ct);
                    return media == ReportMedia.Svg
                        ? ReportMedia.Document(PersonReportChart.Render(found.Report, labels.BehaviorNames).Svg, media)
                        : ReportMedia.Document(PersonReportPage.Render(found.Report, labels), media);
                })
            .WithName("GetPersonReport")
            .WithSummary("A person's report for a closed cycle")
            .WithDescription("Others' leadership, management and gap with statistics, per group and per behavior, self and "
                + "selfVsOthers, the quadrant and comments. Hidden figures are null (anonymity threshold). Carries an ETag; "
                + "If-None-Match answers 304. With Accept: image/svg+xml, a chart (per behavior others' mean and the self "
                + "score, the dimension means with their 95 % intervals; hidden figures are not drawn and a note says why); "
                + "with Accept: text/html, a printable one-page report (no scripts, no external assets, the same figures).")
            .Produces<PersonReport>(StatusCodes.Status200OK, "application/json", ReportMedia.Svg, ReportMedia.Html)
            .WithTextRepresentations(
                (ReportMedia.Svg, "An SVG chart of the report (ScottPlot); figures the JSON hides are not drawn."),
                (ReportMedia.Html, "A printable HTML page of the report: inline CSS and SVG, no scripts, every text HTML-encoded."))
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
                    HttpContext http, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
                {
                    http.Response.Headers.Vary = "Accept";
                    var media = ReportMedia.Choose(http.Request, ReportMedia.Csv, ReportMedia.Svg);
                    if (media == ReportMedia.Svg)
                    {
                        var scatter = await mediator.Send(new GetGapScatterQuery(caller.OrganizationId, cycleId, department, isManager, quadrant), ct);
                        audit.Record(caller, AuditActions.GapReportRead, cycleId);
                        var svgTag = ReportCaching.ETag("gaps.svg", cycleId, scatter.ClosedAt, http.Request.QueryString.Value);
                        return ReportCaching.IsNotModified(http, svgTag) ? ReportCaching.NotModified() : ReportMedia.Document(scatter.Svg, media);
                    }

                    if (media == ReportMedia.Csv)
                    {
                        var export = await mediator.Send(new ExportGapReportQuery(caller.OrganizationId, cycleId, sort, department, isManager, quadrant), ct);
                        audit.Record(caller, AuditActions.GapReportExported, cycleId);
                        var csvTag = ReportCaching.ETag("gaps.csv", cycleId, export.ClosedAt, http.Request.QueryString.Value);
                        return ReportCaching.IsNotModified(http, csvTag) ? ReportCaching.NotModified() : new GapReportCsvResult(export);
                    }

                    var found = await mediator.Send(new GetGapReportQuery(caller.OrganizationId, cycleId, sort, department, isManager, quadrant, limit, cursor), ct);
                    audit.Record(caller, AuditActions.GapReportRead, cycleId);
                    var etag = ReportCaching.ETag("gaps", cycleId, found.ClosedAt, http.Request.QueryString.Value);
                    return ReportCaching.IsNotModified(http, etag) ? ReportCaching.NotModified() : TypedResults.Ok(found.Report);
                })
            .WithName("GetGapReport")
            .WithSummary("The organization's leadership–management gap report for a closed cycle")
            .WithDescription("A whole-cycle summary and the reportable subjects, sorted (sort: gap, -gap, leadership, -leadership, "
                + "management, -management, name; nulls last, ties by externalId) and filtered (department, isManager, quadrant), "
                + "a page at a time. With Accept: text/csv, every filtered row as CSV, ignoring limit and cursor. With Accept: "
                + "image/svg+xml, a scatter of the filtered reportable subjects (management across, leadership up) with the "
                + "cycle's two median lines; no names.")
            .Produces<GapReport>(StatusCodes.Status200OK, "application/json", GapReportCsvResult.MediaType, ReportMedia.Svg)
            .WithTextRepresentations((ReportMedia.Svg, "An SVG scatter of the reportable subjects' leadership and management with the median lines; no names or ids."))
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
                    string externalId, HttpContext http, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
                {
                    var points = await mediator.Send(new GetTrendQuery(caller.OrganizationId, externalId), ct);
                    audit.Record(caller, AuditActions.TrendRead, externalId);
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

    /// <summary>The OpenAPI schema of non-JSON representations: a string, described, instead of the JSON schema.</summary>
    private static TBuilder WithTextRepresentations<TBuilder>(this TBuilder builder, params (string MediaType, string Description)[] types)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true)
            {
                foreach (var (mediaType, description) in types)
                {
                    if (ok.Content?.TryGetValue(mediaType, out var content) == true)
                    {
                        content.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
                    }
                }
            }

            return Task.CompletedTask;
        });
}
