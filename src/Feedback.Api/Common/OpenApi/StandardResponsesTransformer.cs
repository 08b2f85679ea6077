using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Common.OpenApi;

/// <summary>
/// The answers every operation can give besides its own, documented once: who may call it (<c>security</c>, and
/// <c>security: []</c> for anonymous ones), 401/403 for secured ones, 429 (rate limits), 503 (database down) and,
/// for operations with a body, 400/413/415. Every error response gets its body schema: problem details
/// (<c>application/problem+json</c>), or a SCIM error (<c>application/scim+json</c>) under <c>/scim/</c>.
/// </summary>
internal sealed class StandardResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["400"] = "Invalid input: `errors` names each offending field (problem details).",
        ["401"] = "Missing, unknown or revoked token (problem details).",
        ["403"] = "The token lacks the scope (named in `detail` and `requiredScopes`) or is the wrong kind of token (problem details).",
        ["404"] = "Not found, or it belongs to another organization (problem details).",
        ["409"] = "The resource's state or a uniqueness rule forbids this (problem details).",
        ["412"] = "`If-Match` named another version (problem details).",
        ["413"] = "The body is larger than this operation accepts (problem details).",
        ["415"] = "The body has a content type this operation does not accept (problem details).",
        ["422"] = "The `Idempotency-Key` was used with another request (problem details).",
        ["429"] = "Rate limited: retry after the number of seconds in `Retry-After` (problem details).",
        ["500"] = "An unexpected error: nothing was changed; quote `traceId` when reporting it (problem details).",
        ["503"] = "The database is unavailable: retry after the number of seconds in `Retry-After` (problem details).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var secured = !metadata.OfType<IAllowAnonymous>().Any()
            && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
        var scim = description.RelativePath?.StartsWith("scim/", StringComparison.Ordinal) == true;
        var responses = operation.Responses ??= new OpenApiResponses();

        if (secured)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] }];
            Add(responses, "401");
            Add(responses, "403");
            Add(responses, "503");
        }
        else
        {
            operation.Security = []; // anonymous on purpose, not forgotten
        }

        // A client that sent a bad token too often is refused before anything else, on any operation.
        Add(responses, "429");
        Add(responses, "500");
        if (operation.RequestBody is not null)
        {
            Add(responses, "400");
            Add(responses, "413");
            Add(responses, "415");
        }

        foreach (var (status, response) in responses)
        {
            if (status.Length == 3 && status[0] is '4' or '5' && response is OpenApiResponse error)
            {
                Describe(status, error, scim, context.Document!);
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponses responses, string status) => responses.TryAdd(status, new OpenApiResponse());

    private static void Describe(string status, OpenApiResponse response, bool scim, OpenApiDocument document)
    {
        if (string.IsNullOrEmpty(response.Description) || response.Description is "Bad Request" or "Unauthorized" or "Forbidden"
                or "Not Found" or "Conflict" or "Precondition Failed" or "Unprocessable Entity" or "Payload Too Large"
                or "Content Too Large" or "Unsupported Media Type" or "Too Many Requests" or "Service Unavailable" or "Internal Server Error"
                || response.Description.EndsWith("(problem details).", StringComparison.Ordinal))
        {
            response.Description = scim
                ? Descriptions.GetValueOrDefault(status, "Error").Replace("(problem details)", "(SCIM error)", StringComparison.Ordinal)
                : Descriptions.GetValueOrDefault(status, "Error (problem details).");
        }

        var (mediaType, schema) = scim
            ? ("application/scim+json", "ScimError")
            : ("application/problem+json", status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails");
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            [mediaType] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        };

        if (status is "429" or "503")
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }
    }
}
