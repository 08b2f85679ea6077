using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Common.OpenApi;

/// <summary>Declares the bearer scheme once, so Swagger UI's Authorize button can send API keys and rater tokens.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Feedback API",
            Version = "v1",
            Description = "360-degree feedback that rates leadership and management separately and reports the gap between them. "
                + "Authorize with an API key (fbk_…) or a rater token (fbr_…).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            In = ParameterLocation.Header,
            Description = "An API key (fbk_…, with scopes) or a rater token (fbr_…, one assignment).",
        };
        return Task.CompletedTask;
    }
}

/// <summary>OpenApi 10 writes enums without <c>"type"</c>; clients and generators want <c>"type": "string"</c>.</summary>
internal sealed class EnumAsStringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            // One component per enum, never nullable: a property that may be null says so where it is used
            // (oneOf null | $ref). A nullable component made "oneOf: [null, Quadrant]" match null twice, so nothing.
            schema.Type = JsonSchemaType.String;
            schema.Enum = schema.Enum?.Where(v => v is not null).ToList();
        }

        return Task.CompletedTask;
    }
}

/// <summary>Documents the optional <c>Idempotency-Key</c> header on every POST.</summary>
internal sealed class IdempotencyKeyHeaderTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key",
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional, at most 255 characters. The same key with the same body within 24 h replays the first "
                + "response (header Idempotent-Replayed: true); another body → 422; while the first is running → 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("422", new OpenApiResponse { Description = "The Idempotency-Key was used with another request (problem details)." });
        operation.Responses.TryAdd("409", new OpenApiResponse { Description = "A request with this Idempotency-Key is still running; retry later (problem details)." });
        return Task.CompletedTask;
    }
}
