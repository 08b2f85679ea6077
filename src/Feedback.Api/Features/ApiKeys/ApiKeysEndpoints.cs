using Feedback.Api.Common;
using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feedback.Api.Features.ApiKeys;

public static class ApiKeysEndpoints
{
    public static void MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/api-keys").WithTags("API keys").RequireScopes(Scopes.Admin);

        group.MapPost("/", async Task<Created<ApiKeyCreated>> (
                CreateApiKeyRequest body, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateApiKeyCommand(caller.OrganizationId, body.Name, body.Scopes), ct);
                audit.Record(caller, AuditActions.ApiKeyCreated, created.Id);
                return TypedResults.Created($"/v1/api-keys/{created.Id}", created);
            })
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("The key is shown once, in this response; only its hash is stored.")
            .WithNoStore()
            .ProducesValidationProblem();

        group.MapGet("/", async Task<Ok<Page<ApiKeySummary>>> (int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListApiKeysQuery(caller.OrganizationId, limit, cursor), ct)))
            .WithName("ListApiKeys")
            .WithSummary("List live API keys (no secrets)")
            .WithDescription("The organization's keys that are not revoked, oldest first, with their names and scopes. "
                + "Secrets are never shown again after creation; only their hashes are stored.")
            .ProducesValidationProblem();

        group.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, Caller caller, IMediator mediator, AuditLog audit, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiKeyCommand(caller.OrganizationId, id), ct);
                audit.Record(caller, AuditActions.ApiKeyRevoked, id);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once. An unknown or already revoked key → 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
