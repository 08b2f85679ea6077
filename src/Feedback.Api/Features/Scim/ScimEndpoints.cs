using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;

namespace Feedback.Api.Features.Scim;

/// <summary>SCIM 2.0 (RFC 7643/7644) over the people of <c>/v1/people</c>: identity providers push the org chart here.</summary>
public static class ScimEndpoints
{
    public static IServiceCollection AddScim(this IServiceCollection services)
    {
        // First, so that under /scim/ it wins over the problem+json writers whatever the registration order.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, ScimErrorWriter>());
        return services;
    }

    public static void MapScim(this IEndpointRouteBuilder routes)
    {
        var scim = routes.MapGroup(ScimProtocol.BasePath).WithTags("SCIM");
        MapDiscovery(scim);

        var users = scim.MapGroup("/Users").RequireScopes(Scopes.PeopleWrite);

        users.MapGet("/", async (string? filter, int? startIndex, int? count, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var page = await mediator.Send(new ListScimUsersQuery(caller.OrganizationId, filter, startIndex, count), ct);
                var baseUrl = ScimProtocol.BaseUrl(request);
                return ScimProtocol.Json(new ScimUserList(
                    [ScimProtocol.ListResponseSchema], page.TotalResults, page.StartIndex, page.Users.Count,
                    page.Users.Select(u => u.ToScimUser(baseUrl)).ToList()));
            })
            .WithName("ListScimUsers")
            .WithSummary("List or find SCIM users")
            .WithDescription("""
                `filter` supports `userName eq "value"` and `externalId eq "value"` (attribute names in any case; others are
                a 400 invalidFilter). `startIndex` is 1-based; `count` defaults to 100 and is capped at 200. Sorted by userName.
                """)
            .Produces<ScimUserList>(StatusCodes.Status200OK, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status400BadRequest, ScimProtocol.ContentType);

        users.MapGet("/{id:guid}", async (Guid id, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                UserResult(await mediator.Send(new GetScimUserQuery(caller.OrganizationId, id), ct), request))
            .WithName("GetScimUser")
            .WithSummary("Get a SCIM user")
            .WithDescription("The person as a SCIM User (RFC 7643), with an `ETag` of its version. Unknown → 404.")
            .Produces<ScimUser>(StatusCodes.Status200OK, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status404NotFound, ScimProtocol.ContentType);

        users.MapPost("/", async (ScimUserRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(new CreateScimUserCommand(caller.OrganizationId, ScimUserFields.From(body)), ct);
                request.HttpContext.Response.Headers.Location = $"{ScimProtocol.BaseUrl(request)}/Users/{user.Id}";
                return UserResult(user, request, StatusCodes.Status201Created);
            })
            .WithName("CreateScimUser")
            .WithSummary("Create a SCIM user (a person)")
            .WithDescription("201 with Location and ETag. A userName that is already some person's externalId is a 409 uniqueness.")
            .Accepts<ScimUserRequest>(ScimProtocol.ContentType, "application/json")
            .Produces<ScimUser>(StatusCodes.Status201Created, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status400BadRequest, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status409Conflict, ScimProtocol.ContentType);

        users.MapPut("/{id:guid}", async (
                Guid id, ScimUserRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                UserResult(await mediator.Send(new ReplaceScimUserCommand(caller.OrganizationId, id, ScimUserFields.From(body), ifMatch), ct), request))
            .WithName("ReplaceScimUser")
            .WithSummary("Replace a SCIM user")
            .WithDescription("A full replacement: omitted attributes become empty and an omitted `active` becomes true. May rename userName.")
            .Accepts<ScimUserRequest>(ScimProtocol.ContentType, "application/json")
            .Produces<ScimUser>(StatusCodes.Status200OK, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status400BadRequest, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status404NotFound, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status409Conflict, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status412PreconditionFailed, ScimProtocol.ContentType);

        users.MapPatch("/{id:guid}", async (
                Guid id, ScimPatchRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                UserResult(await mediator.Send(new PatchScimUserCommand(caller.OrganizationId, id, body.Operations ?? [], ifMatch), ct), request))
            .WithName("PatchScimUser")
            .WithSummary("Change some attributes of a SCIM user (PatchOp)")
            .WithDescription("""
                add, replace and remove, with or without `path`: userName, externalId, displayName, name.formatted, emails,
                title, active (also `{"op":"replace","value":{"active":false}}`), and the enterprise extension's department and
                manager (value = the manager's SCIM id, as a string or `{"value": id}`). Unstored attributes are ignored.
                """)
            .Accepts<ScimPatchRequest>(ScimProtocol.ContentType, "application/json")
            .Produces<ScimUser>(StatusCodes.Status200OK, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status400BadRequest, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status404NotFound, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status409Conflict, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status412PreconditionFailed, ScimProtocol.ContentType);

        users.MapDelete("/{id:guid}", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteScimUserCommand(caller.OrganizationId, id, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteScimUser")
            .WithSummary("Deactivate a SCIM user")
            .WithDescription("Sets active = false, like DELETE /v1/people: ratings are kept and a later GET returns the user, inactive.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ScimError>(StatusCodes.Status404NotFound, ScimProtocol.ContentType)
            .Produces<ScimError>(StatusCodes.Status412PreconditionFailed, ScimProtocol.ContentType);
    }

    /// <summary>Discovery bodies are SCIM resources built as dictionaries; the document says what they are, not each attribute.</summary>
    private static RouteHandlerBuilder WithScimDiscoveryBody(this RouteHandlerBuilder builder, string description) => builder
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new Microsoft.OpenApi.OpenApiResponses();
            operation.Responses["200"] = new Microsoft.OpenApi.OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    [ScimProtocol.ContentType] = new()
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Object, Description = description },
                    },
                },
            };
            return Task.CompletedTask;
        });

    private static void MapDiscovery(RouteGroupBuilder scim)
    {
        scim.MapGet("/ServiceProviderConfig", (HttpRequest request) => ScimProtocol.Json(ScimDiscovery.ServiceProviderConfig(ScimProtocol.BaseUrl(request))))
            .AllowAnonymous()
            .WithName("GetScimServiceProviderConfig")
            .WithSummary("What this SCIM service supports (no authentication needed)")
            .WithDescription("RFC 7644 §5: PATCH and filtering are supported; bulk, sort, password changes and ETags are described here.")
            .WithScimDiscoveryBody("The ServiceProviderConfig resource.");

        scim.MapGet("/ResourceTypes", (HttpRequest request) => ScimProtocol.Json(List(ScimDiscovery.ResourceTypes(ScimProtocol.BaseUrl(request)))))
            .AllowAnonymous()
            .WithName("ListScimResourceTypes")
            .WithSummary("The SCIM resource types: User (no authentication needed)")
            .WithDescription("RFC 7644 §4: a ListResponse with the one resource type this service has, User, and its Enterprise User extension.")
            .WithScimDiscoveryBody("A ListResponse of ResourceType resources.");

        scim.MapGet("/Schemas", (HttpRequest request) => ScimProtocol.Json(List(ScimDiscovery.Schemas(ScimProtocol.BaseUrl(request)))))
            .AllowAnonymous()
            .WithName("ListScimSchemas")
            .WithSummary("The User and Enterprise User schemas, with the attributes kept (no authentication needed)")
            .WithDescription("RFC 7644 §4: a ListResponse of the schemas, listing only the attributes this service stores.")
            .WithScimDiscoveryBody("A ListResponse of Schema resources.");

        scim.MapGet("/Schemas/{id}", (string id, HttpRequest request) =>
                ScimProtocol.Json(ScimDiscovery.Schemas(ScimProtocol.BaseUrl(request))
                    .Cast<Dictionary<string, object?>>()
                    .FirstOrDefault(s => string.Equals((string?)s["id"], id, StringComparison.OrdinalIgnoreCase))
                    ?? throw new NotFoundException($"There is no schema {id}.")))
            .AllowAnonymous()
            .WithName("GetScimSchema")
            .WithSummary("One SCIM schema by its URN (no authentication needed)")
            .WithDescription("A Schema resource by its id, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`; an unknown id → 404.")
            .WithScimDiscoveryBody("A Schema resource.")
            .Produces<ScimError>(StatusCodes.Status404NotFound, ScimProtocol.ContentType);
    }

    private static Dictionary<string, object> List(IReadOnlyList<object> resources) => new()
    {
        ["schemas"] = new[] { ScimProtocol.ListResponseSchema },
        ["totalResults"] = resources.Count,
        ["startIndex"] = 1,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = resources,
    };

    private static IResult UserResult(ScimUserRow user, HttpRequest request, int status = StatusCodes.Status200OK)
    {
        request.HttpContext.Response.Headers.ETag = user.ETag;
        return ScimProtocol.Json(user.ToScimUser(ScimProtocol.BaseUrl(request)), status);
    }
}
