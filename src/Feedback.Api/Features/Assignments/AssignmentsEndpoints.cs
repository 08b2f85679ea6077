using System.Text.Json.Nodes;
using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Features.Assignments;

public static class AssignmentsEndpoints
{
    private const string GenerateDescription = """
        For each subject (default: every active person), the pairs of the chosen `relationships`, seen from the rater:
        `self` (the subject rates themself), `manager` (the subject's manager rates them), `directReport` (each direct
        report rates them), `peer` (others with the same manager rate them). Only active people take part. A pair the
        cycle already has (as any relationship) is skipped and kept as it is, so running it again creates nothing new.

        **Caps.** At most `maxPeersPerSubject` peer raters per subject and at most `maxAssignmentsPerRater` assignments
        per rater in the cycle; existing assignments count toward both. When a rater's cap bites, the more important
        pairs win: self, then manager, then directReport, then peer (each relationship is planned for all subjects before
        the next). `cappedRaters` says who reached the rater cap and how many pairs they were left out of;
        `cappedSubjects` lists subjects with more peers than the cap allowed.

        **Determinism.** The result depends only on the org chart, the cycle's existing assignments and the body: subjects
        are walked in externalId order, and peers are chosen least-loaded first, ties broken by a SHA-256 hash of the
        (subject, rater) externalIds, then externalId. Two fresh cycles get the same pairs.

        **Large runs.** The response is streamed as it is written (the tokens are kept as random bytes until then, not as
        a buffered body), so a run that creates hundreds of thousands of assignments keeps the service's memory flat; read
        it as a stream. With an `Idempotency-Key` the whole response is kept for the replay.

        Always 200 (also when nothing was created). The rater tokens of the new assignments are shown only in this
        response; use an `Idempotency-Key` to be able to fetch it again. One transaction: all pairs or none. Draft and
        open cycles only; a closed cycle → 409.
        """;

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
            .WithNoStore()
            .WithName("CreateAssignment")
            .WithSummary("Assign a rater to a subject in a cycle")
            .WithDescription("Returns the rater token once (only its hash is stored). Draft and open cycles take assignments; "
                + "a closed one → 409. The same subject and rater twice → 409. Unknown or inactive people → 400.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/cycles/{cycleId:guid}/assignments/generate", async Task<Ok<AssignmentsGenerated>> (
                Guid cycleId, GenerateAssignmentsRequest? body, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GenerateAssignmentsCommand(
                    caller.OrganizationId, cycleId, body?.Relationships, body?.Subjects, body?.MaxPeersPerSubject, body?.MaxAssignmentsPerRater), ct)))
            .RequireScopes(Scopes.CyclesWrite)
            .WithNoStore()
            .WithName("GenerateAssignments")
            .WithSummary("Create the cycle's assignments from the org chart")
            .WithDescription(GenerateDescription)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType media)
                {
                    media.Example = JsonNode.Parse("""
                        {"relationships": ["self", "manager", "directReport", "peer"], "maxPeersPerSubject": 4, "maxAssignmentsPerRater": 10}
                        """);
                }

                return Task.CompletedTask;
            })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/cycles/{cycleId:guid}/assignments/{assignmentId:guid}/token", async Task<Ok<RaterTokenReissued>> (
                Guid cycleId, Guid assignmentId, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var reissued = await mediator.Send(new ReissueRaterTokenCommand(caller.OrganizationId, cycleId, assignmentId), ct);
                audit.Record(caller, AuditActions.RaterTokenReissued, assignmentId);
                return TypedResults.Ok(reissued);
            })
            .RequireScopes(Scopes.CyclesWrite)
            .WithNoStore()
            .WithName("ReissueRaterToken")
            .WithSummary("Issue a new rater token for an assignment (the old one stops working at once)")
            .WithDescription("For a lost or leaked rater link. No body. The new token and the rater link are shown only in this "
                + "response (send an `Idempotency-Key` to be able to fetch it again); the previous token is refused at once, "
                + "on every instance of the service. Sheets already submitted stay with the assignment. Draft and open cycles; "
                + "a closed cycle → 409.")
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
            .WithNoStore()
            .WithName("GetMyAssignment")
            .WithSummary("The rater token's own assignment")
            .WithDescription("Whom the rater rates and as what, the cycle's behaviors per dimension with names and descriptions, "
                + "the scale, and whether each sheet is submitted (its revision and time; null until submitted). Never a sheet's "
                + "scores or comment: sheets are write-only, so a survey front end keeps its own copy of what the rater typed. "
                + "Rater tokens only; works after close.");
    }
}
