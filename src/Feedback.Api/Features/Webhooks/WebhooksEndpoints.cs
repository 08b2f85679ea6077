using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feedback.Api.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireScopes(Scopes.Admin);

        group.MapPost("/", async Task<Created<WebhookCreated>> (
                CreateWebhookRequest body, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateWebhookCommand(caller.OrganizationId, body.Url, body.Events, body.Description), ct);
                audit.Record(caller, AuditActions.WebhookCreated, created.Id);
                return TypedResults.Created($"/v1/webhooks/{created.Id}", created);
            })
            .WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to events")
            .WithDescription("Events are POSTed as JSON with Webhook-Id, Webhook-Timestamp and Webhook-Signature headers "
                + "(see the README). The signing secret is shown once, in this response. Delivery is at least once: "
                + "deduplicate on Webhook-Id. The URL must be https on a public address: loopback, private, link-local, "
                + "unique-local, CGNAT and metadata addresses (also by what the host name resolves to) → 400. An "
                + "organization has at most 50 webhooks (409 limit-reached).")
            .WithNoStore()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/secret", async Task<Ok<WebhookSecretRotated>> (
                Guid id, RotateWebhookSecretRequest? body, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var rotated = await mediator.Send(new RotateWebhookSecretCommand(caller.OrganizationId, id, body?.OverlapSeconds), ct);
                audit.Record(caller, AuditActions.WebhookSecretRotated, id);
                return TypedResults.Ok(rotated);
            })
            .WithName("RotateWebhookSecret")
            .WithSummary("Give the webhook a new signing secret")
            .WithDescription("The new secret is shown once, in this response, and signs every delivery from now on. The "
                + "previous one keeps signing for the overlap (`overlapSeconds`, default 24 h; 0 retires it at once): "
                + "meanwhile `Webhook-Signature` carries both signatures, `v1=NEW v1=PREVIOUS` (space-separated, newest first), and "
                + "a receiver accepts a delivery when any of them verifies. Rotating again during an overlap retires the oldest "
                + "secret at once.")
            .WithNoStore()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async Task<Ok<Page<WebhookSummary>>> (int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(caller.OrganizationId, limit, cursor), ct)))
            .WithName("ListWebhooks")
            .WithSummary("List webhooks (no secrets)")
            .WithDescription("The organization's webhooks, oldest first, with their URLs and events; signing secrets are shown only at creation.")
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async Task<Ok<WebhookSummary>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetWebhookQuery(caller.OrganizationId, id), ct)))
            .WithName("GetWebhook")
            .WithSummary("Get a webhook (no secret)")
            .WithDescription("One webhook with its URL and events; another organization's → 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhookCommand(caller.OrganizationId, id), ct);
                audit.Record(caller, AuditActions.WebhookDeleted, id);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook")
            .WithDescription("Pending deliveries to it are dropped with its delivery log.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/deliveries", async Task<Ok<Page<WebhookDeliveryAttemptLog>>> (
                Guid id, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListWebhookDeliveriesQuery(caller.OrganizationId, id, limit, cursor), ct)))
            .WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's delivery log, newest attempt first")
            .WithDescription("One item per HTTP attempt: event id and type, attempt number, the receiver's status code or "
                + "the error, duration and timestamps. Never bodies.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
