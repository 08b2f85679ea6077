using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feedback.Api.Features.Ratings;

public static class RatingsEndpoints
{
    private const string Who = "Send the assignment's rater token, or an API key with ratings:write (a survey front end acting for "
        + "raters). Checks in order: 404 (no such assignment in the cycle, or a rater token of another assignment) → 403 → "
        + "409 (cycle not open, whatever the body) → 400 (`errors` names each offending key as `scores.<key>`). "
        + "A resubmission replaces the whole sheet and increments revision. Sheets are write-only: the response is a receipt "
        + "(assignment, dimension, revision, time), and no endpoint ever returns the scores or comment again.";

    public static void MapRatings(this IEndpointRouteBuilder routes)
    {
        // Authorization beyond "any valid token" happens in the handler, because 404 must win over 403.
        var group = routes.MapGroup("/v1/cycles/{cycleId:guid}/assignments/{assignmentId:guid}")
            .WithTags("Ratings")
            .RequireAnyToken();

        group.MapPut("/leadership", async Task<Ok<SheetSubmitted>> (
                    Guid cycleId, Guid assignmentId, SheetBody body, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new SubmitLeadershipSheetCommand(caller.OrganizationId, cycleId, assignmentId, SheetAuthor.From(caller), body), ct)))
            .WithName("SubmitLeadershipSheet")
            .WithSummary("Submit (or replace) the leadership sheet of an assignment")
            .WithDescription(Who)
            .WithSheetContract();

        group.MapPut("/management", async Task<Ok<SheetSubmitted>> (
                    Guid cycleId, Guid assignmentId, SheetBody body, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new SubmitManagementSheetCommand(caller.OrganizationId, cycleId, assignmentId, SheetAuthor.From(caller), body), ct)))
            .WithName("SubmitManagementSheet")
            .WithSummary("Submit (or replace) the management sheet of an assignment")
            .WithDescription(Who)
            .WithSheetContract();
    }

    private static RouteHandlerBuilder WithSheetContract(this RouteHandlerBuilder builder) => builder
        .Accepts<SubmitSheetRequest>("application/json")
        .WithBodyLimit(SheetBody.MaxBytes)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
