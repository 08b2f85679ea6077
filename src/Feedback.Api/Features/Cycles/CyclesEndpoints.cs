using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Feedback.Api.Features.Cycles;

public static class CyclesEndpoints
{
    public static void MapCycles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/cycles").WithTags("Cycles");

        group.MapPost("/", async Task<Created<FeedbackCycle>> (CreateCycleRequest body, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var cycle = await mediator.Send(new CreateCycleCommand(
                    caller.OrganizationId, body.Name, body.Behaviors, body.ScaleMin, body.ScaleMax, body.AnonymityThreshold), ct);
                response.Headers.ETag = cycle.ETag;
                return TypedResults.Created($"/v1/cycles/{cycle.Id}", cycle);
            })
            .RequireScopes(Scopes.CyclesWrite)
            .WithName("CreateCycle")
            .WithSummary("Create a cycle (draft)")
            .WithDescription("Defaults: every active behavior in catalog order, scale 1..5, anonymity threshold 3.")
            .ProducesValidationProblem();

        group.MapGet("/", async Task<Ok<Page<FeedbackCycle>>> (
                [FromQuery] string? status, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCyclesQuery(caller.OrganizationId, status, limit, cursor), ct)))
            .RequireScopes(Scopes.CyclesWrite, Scopes.ReportsRead)
            .WithName("ListCycles")
            .WithSummary("List cycles, newest first")
            .WithDescription("Optional filter status = draft, open or closed.")
            .ProducesValidationProblem();

        group.MapGet("/{cycleId:guid}", async Task<Ok<FeedbackCycle>> (Guid cycleId, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var cycle = await mediator.Send(new GetCycleQuery(caller.OrganizationId, cycleId), ct);
                response.Headers.ETag = cycle.ETag;
                return TypedResults.Ok(cycle);
            })
            .RequireScopes(Scopes.CyclesWrite, Scopes.ReportsRead)
            .WithName("GetCycle")
            .WithSummary("Get a cycle")
            .WithDescription("The ETag header carries the cycle's version for If-Match on open and close.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{cycleId:guid}/open", async Task<Ok<FeedbackCycle>> (
                Guid cycleId, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var cycle = await mediator.Send(new OpenCycleCommand(caller.OrganizationId, cycleId, ifMatch), ct);
                response.Headers.ETag = cycle.ETag;
                return TypedResults.Ok(cycle);
            })
            .RequireScopes(Scopes.CyclesWrite)
            .WithName("OpenCycle")
            .WithSummary("Open a draft cycle")
            .WithDescription("Raters can submit sheets while the cycle is open. Any other state → 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPost("/{cycleId:guid}/close", async Task<Ok<FeedbackCycle>> (
                Guid cycleId, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var cycle = await mediator.Send(new CloseCycleCommand(caller.OrganizationId, cycleId, ifMatch), ct);
                response.Headers.ETag = cycle.ETag;
                return TypedResults.Ok(cycle);
            })
            .RequireScopes(Scopes.CyclesWrite)
            .WithName("CloseCycle")
            .WithSummary("Close an open cycle (final)")
            .WithDescription("Freezes the sheets; reports become available. Closing a draft or closed cycle → 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{cycleId:guid}/progress", async Task<Ok<Page<SubjectProgress>>> (
                Guid cycleId, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCycleProgressQuery(caller.OrganizationId, cycleId, limit, cursor), ct)))
            .RequireScopes(Scopes.CyclesWrite, Scopes.ReportsRead)
            .WithName("GetCycleProgress")
            .WithSummary("Assigned, submitted and responders per relationship per subject (counts only)")
            .WithDescription("Subjects in externalId order, from the current sheets. `submitted`: raters with at least one sheet. "
                + "`responders`: raters whose two sheets are both valid (each scores at least half, rounded up, of the cycle's "
                + "behaviors of its dimension); only they are counted in the report, so a rater with one sheet is submitted "
                + "but not a responder.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
