using System.Text.Json.Nodes;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Feedback.Api.Features.Outcomes.Import;
using Feedback.Api.Features.People;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Feedback.Api.Features.Outcomes;

public static class OutcomesEndpoints
{
    public static IServiceCollection AddOutcomes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutcomeOptions>().Bind(configuration.GetSection(OutcomeOptions.Section));
        return services;
    }

    public static void MapOutcomes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/cycles/{cycleId:guid}/outcomes").WithTags("Outcomes").RequireScopes(Scopes.CyclesWrite);

        group.MapPut("/{externalId}", async Task<Ok<SubjectOutcome>> (
                Guid cycleId, string externalId, RecordOutcomeRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RecordOutcomeCommand(
                    caller.OrganizationId, cycleId, externalId, body.Productivity, body.Engagement, body.Retention), ct)))
            .WithJsonExample("""{"productivity": 112.5, "engagement": 4.2, "retention": 1}""")
            .WithName("RecordOutcome")
            .WithSummary("Record a subject's outcomes for a cycle")
            .WithDescription("""
                The scorecard leaders and managers are both judged by: `productivity` and `engagement` in the HR system's
                own units (any number from −1e15 to 1e15), `retention` 0..1 (0 = left within the period, 1 = stayed, or a probability
                of staying). A full replacement: an omitted outcome becomes null. The person must be a subject of the
                cycle (else 404). Accepted in any state until `Feedback__Outcomes__AcceptFor` (default 180 days) after
                the cycle closed; later → 409. The outcome report (`GET …/reports/outcomes`) uses them.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExternalIdPattern();

        group.MapPost("/import", async Task<Ok<OutcomesImported>> (
                Guid cycleId, HttpRequest request, Caller caller, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var rows = await OutcomesImportReader.ReadAsync(request, json.Value.SerializerOptions, ct);
                return TypedResults.Ok(await mediator.Send(new ImportOutcomesCommand(caller.OrganizationId, cycleId, rows), ct));
            })
            .WithBodyLimit(PeopleEndpoints.ImportBodyLimitBytes)
            .Accepts<OutcomeImportRow[]>("application/json", "text/csv")
            .WithOutcomesCsvBody()
            .WithJsonExample("""
                [
                  {"externalId": "e-1002", "productivity": 112.5, "engagement": 4.2, "retention": 1},
                  {"externalId": "e-1003", "productivity": 98, "retention": 0}
                ]
                """)
            .WithName("ImportOutcomes")
            .WithSummary("Record many subjects' outcomes at once, all or nothing")
            .WithDescription("""
                A JSON array of `{externalId, productivity?, engagement?, retention?}`, or `text/csv` with a header row
                naming externalId (required) and any of productivity, engagement, retention (RFC 4180 quoting, `.` as
                decimal point, empty cells are null). Each row replaces that subject's outcomes, as the PUT does. Up to 16 MiB.

                If any row is bad (a field rule, a person who is not a subject of the cycle, a subject twice), nothing is
                written and the 400 lists every bad row in `errors`, keyed `rows[i].field` (or `rows[i]`) with `i` the
                0-based position of the row (for CSV, the i-th record after the header; messages also give the line).
                404 for an unknown cycle; 409 once outcomes are no longer accepted (see the PUT).
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static TBuilder WithExternalIdPattern<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name == "externalId" && parameter.Schema is OpenApiSchema schema)
                {
                    schema.Pattern = "^[A-Za-z0-9._@:-]{1,128}$";
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>A request example for Swagger UI's "Try it out" (a body the API accepts for subjects of the cycle).</summary>
    private static TBuilder WithJsonExample<TBuilder>(this TBuilder builder, string json)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body is OpenApiMediaType media)
            {
                media.Example = JsonNode.Parse(json);
            }

            return Task.CompletedTask;
        });

    private static TBuilder WithOutcomesCsvBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType media)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV with a header row (RFC 4180)." };
                media.Example = JsonValue.Create("externalId,productivity,engagement,retention\r\ne-1,112.5,4.2,1\r\ne-2,98,,0\r\n");
            }

            return Task.CompletedTask;
        });
}
