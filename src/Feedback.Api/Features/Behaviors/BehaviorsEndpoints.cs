using Feedback.Api.Common.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feedback.Api.Features.Behaviors;

public static class BehaviorsEndpoints
{
    public static void MapBehaviors(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/behaviors").WithTags("Behaviors");

        group.MapGet("/", async Task<Ok<IReadOnlyList<CatalogBehavior>>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListBehaviorsQuery(caller.OrganizationId), ct)))
            .RequireScopes()
            .WithName("ListBehaviors")
            .WithSummary("List the behavior catalog")
            .WithDescription("Every behavior of the organization in catalog order, retired ones included with retired: true.");

        group.MapPut("/{key}", async Task<Results<Created<CatalogBehavior>, Ok<CatalogBehavior>>> (
                string key, PutBehaviorRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, IMediator mediator,
                HttpResponse response, CancellationToken ct) =>
            {
                var (behavior, created, etag) = await mediator.Send(
                    new PutBehaviorCommand(caller.OrganizationId, key, body.Dimension, body.Name, body.Description, ifMatch), ct);
                response.Headers.ETag = etag;
                return created
                    ? TypedResults.Created($"/v1/behaviors/{behavior.Key}", behavior)
                    : TypedResults.Ok(behavior);
            })
            .RequireScopes(Scopes.Admin)
            .WithName("PutBehavior")
            .WithSummary("Create a behavior, or rename and redescribe one")
            .WithDescription("201 when created, 200 when updated, with the behavior's ETag. A retired behavior put again is "
                + "active again. The dimension of a behavior that any cycle uses never changes (409). If-Match is honoured (412).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{key}", async Task<NoContent> (string key, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RetireBehaviorCommand(caller.OrganizationId, key), ct);
                return TypedResults.NoContent();
            })
            .RequireScopes(Scopes.Admin)
            .WithName("RetireBehavior")
            .WithSummary("Retire a behavior")
            .WithDescription("It stays in the catalog (and in the cycles that use it) but is not offered to new cycles.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
