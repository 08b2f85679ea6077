using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feedback.Api.Features.Assignments;

public static class AssignmentsEndpoints
{
    public static void MapAssignments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Assignments");

        group.MapPost("/cycles/{cycleId:guid}/assignments", async Task<Created<AssignmentCreated>> (
                Guid cycleId, CreateAssignmentRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateAssignmentCommand(
                    caller.OrganizationId, cycleId, body.SubjectExternalId, body.RaterExternalId, body.Relationship), ct);
                return TypedResults.Created($"/v1/cycles/{cycleId}/assignments?raterExternalId={Uri.EscapeDataString(created.RaterExternalId)}", created);
            })
            .RequireScopes(Scopes.CyclesWrite)
            .WithName("CreateAssignment")
            .WithSummary("Assign a rater to a subject in a cycle")
            .WithDescription("Returns the rater token once (only its hash is stored). Draft and open cycles take assignments; "
                + "a closed one → 409. The same subject and rater twice → 409. Unknown or inactive people → 400.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/cycles/{cycleId:guid}/assignments", async Task<Ok<Page<AssignmentSummary>>> (
                Guid cycleId, string? subjectExternalId, string? raterExternalId, int? limit, string? cursor,
                Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAssignmentsQuery(
                    caller.OrganizationId, cycleId, subjectExternalId, raterExternalId, limit, cursor), ct)))
            .RequireScopes(Scopes.CyclesWrite)
            .WithName("ListAssignments")
            .WithSummary("List a cycle's assignments (no tokens)")
            .WithDescription("In creation order; optionally only one subject's or one rater's.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/assignments/me", async Task<Ok<MyAssignment>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMyAssignmentQuery(caller.OrganizationId, caller.AssignmentId!.Value), ct)))
            .RequireRaterToken()
            .WithName("GetMyAssignment")
            .WithSummary("The rater token's own assignment")
            .WithDescription("Whom the rater rates and as what, the cycle's behaviors per dimension with names and descriptions, "
                + "the scale, and the rater's current sheets (null until submitted). Rater tokens only; works after close.");
    }
}
