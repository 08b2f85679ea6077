using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Common.OpenApi;

/// <summary>
/// Which members a client may leave out, said the way C# says it: a request record's parameter with a default
/// value (<c>string? Email = null</c>) is optional, and a member written only when set
/// (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>, as SCIM does) is not required in responses. Everything else
/// the service always writes, null or not, so it stays required (a nullable type says it may be null).
/// </summary>
internal sealed class OptionalMembersSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }

        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: true } || WrittenOnlyWhenSet(property))
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool WrittenOnlyWhenSet(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;
}

/// <summary>
/// Problem details as this service writes them (RFC 9457): <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>
/// and <c>traceId</c> always; <c>errors</c> on 400; <c>requiredScopes</c> on a 403 for a missing scope.
/// </summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(ProblemDetails) && type != typeof(HttpValidationProblemDetails))
        {
            return Task.CompletedTask;
        }

        schema.Description = type == typeof(ProblemDetails)
            ? "An error (RFC 9457 problem details). Branch on `type`; show `detail` to people."
            : "Invalid input (RFC 9457 problem details): `errors` maps each offending field (e.g. `scores.empathy`) to its messages.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        Set(schema, "type", new OpenApiSchema { Type = JsonSchemaType.String, Description = "A stable URI naming the kind of error." });
        Set(schema, "title", new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of error." });
        Set(schema, "status", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." });
        Set(schema, "detail", new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong here, and what to do about it." });
        Set(schema, "instance", new OpenApiSchema { Type = JsonSchemaType.String, Description = "Not used by this service." });
        Set(schema, "traceId", new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem; it is in the service's logs." });
        if (type == typeof(ProblemDetails))
        {
            Set(schema, "requiredScopes", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "On a 403 for a missing scope: the scopes any one of which would have been enough.",
            });
        }
        else
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Description = "Present when fields are invalid (absent when the body could not be read at all). Messages per field: a body property (`name`), a nested one (`scores.empathy`), a row (`[2].managerExternalId`) or a query parameter.",
            };
        }

        // errors is absent on a 400 for a body that could not be read at all (malformed JSON).
        schema.Required = new HashSet<string>(["type", "title", "status", "detail", "traceId"]);

        return Task.CompletedTask;
    }

    private static void Set(OpenApiSchema schema, string name, OpenApiSchema property) => schema.Properties![name] = property;
}
