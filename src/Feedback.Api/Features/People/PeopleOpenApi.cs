using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Features.People;

/// <summary>What the generated document cannot infer: the ETag header, the CSV body, the externalId pattern.</summary>
internal static class PeopleOpenApi
{
    public static TBuilder WithETagHeader<TBuilder>(this TBuilder builder, params string[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var status in statuses)
            {
                if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = "The person's version (a strong ETag); send it back in If-Match to update only that version.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name == "externalId" && parameter.Schema is OpenApiSchema schema)
                {
                    schema.Pattern = "^[A-Za-z0-9._@:-]{1,128}$";
                }
            }

            return Task.CompletedTask;
        });

    public static TBuilder WithCsvBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType media)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV with a header row (RFC 4180)." };
                media.Example = JsonValue.Create(
                    "externalId,displayName,email,managerExternalId,department,title,active\r\n"
                    + "e-1,Ada Lovelace,ada@example.com,,Engineering,CTO,true\r\n"
                    + "e-2,\"Hopper, Grace\",grace@example.com,e-1,Engineering,Engineer,\r\n");
            }

            return Task.CompletedTask;
        });
}
