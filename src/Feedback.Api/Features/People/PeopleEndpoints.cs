using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Feedback.Api.Features.People.Import;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.People;

public static class PeopleEndpoints
{
    /// <summary>Room for 10,000+ rows of CSV or JSON in one import.</summary>
    public const long ImportBodyLimitBytes = 16 * 1024 * 1024;

    public static void MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/people").WithTags("People");

        group.MapPut("/{externalId}", async Task<Results<Created<PersonProfile>, Ok<PersonProfile>>> (
                string externalId,
                UpsertPersonRequest body,
                [FromHeader(Name = "If-Match")] string? ifMatch,
                Caller caller,
                HttpResponse response,
                IMediator mediator,
                CancellationToken ct) =>
            {
                var result = await mediator.Send(UpsertPersonCommand.From(caller.OrganizationId, externalId, body, ifMatch), ct);
                response.Headers.ETag = result.Profile.ETag;
                return result.Created
                    ? TypedResults.Created($"/v1/people/{Uri.EscapeDataString(externalId)}", result.Profile.Person)
                    : TypedResults.Ok(result.Profile.Person);
            })
            .RequireScopes(Scopes.PeopleWrite)
            .WithName("UpsertPerson")
            .WithSummary("Create or replace a person")
            .WithDescription("""
                A full replacement: omitted optional fields become null and an omitted `active` becomes true.
                201 when the person is new, 200 otherwise; the `ETag` header carries the new version. With `If-Match`,
                the write happens only if the person exists and still has that ETag (else 412). An unknown manager,
                the person as their own manager, or a manager loop is a 400.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithETagHeader("200", "201");

        group.MapGet("/{externalId}", async Task<Ok<PersonProfile>> (string externalId, Caller caller, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                var person = await mediator.Send(new GetPersonQuery(caller.OrganizationId, externalId), ct);
                response.Headers.ETag = person.ETag;
                return TypedResults.Ok(person.Person);
            })
            .RequireScopes(Scopes.ReportsRead, Scopes.PeopleWrite)
            .WithName("GetPerson")
            .WithSummary("Get a person")
            .WithDescription("`isManager` and `directReports` count active reports only. The `ETag` header is for `If-Match` on updates.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithETagHeader("200");

        group.MapGet("/", async Task<Ok<Page<PersonProfile>>> (
                string? department, string? managerExternalId, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListPeopleQuery(
                    caller.OrganizationId, PersonRules.Optional(department), PersonRules.Optional(managerExternalId), limit, cursor), ct)))
            .RequireScopes(Scopes.ReportsRead, Scopes.PeopleWrite)
            .WithName("ListPeople")
            .WithSummary("List people, inactive ones included, by externalId")
            .WithDescription("Filters: `department` (exact) and `managerExternalId` (direct reports of that person; an unknown one matches nobody).")
            .ProducesValidationProblem();

        group.MapDelete("/{externalId}", async Task<NoContent> (
                string externalId, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeactivatePersonCommand(caller.OrganizationId, externalId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .RequireScopes(Scopes.PeopleWrite)
            .WithName("DeactivatePerson")
            .WithSummary("Deactivate a person")
            .WithDescription("The person stays (inactive) with every rating by or about them; deactivating an inactive person is a no-op.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithETagHeader();

        group.MapPost("/import", async Task<Ok<PeopleImported>> (HttpRequest request, Caller caller, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var rows = await PeopleImportReader.ReadAsync(request, json.Value.SerializerOptions, ct);
                return TypedResults.Ok(await mediator.Send(new ImportPeopleCommand(caller.OrganizationId, rows), ct));
            })
            .RequireScopes(Scopes.PeopleWrite)
            .WithBodyLimit(ImportBodyLimitBytes)
            .Accepts<PersonImportRow[]>("application/json", "text/csv")
            .WithCsvBody()
            .WithName("ImportPeople")
            .WithSummary("Create or replace many people at once, all or nothing")
            .WithDescription("""
                The body is a JSON array of `PUT /v1/people/{externalId}` bodies, each with its `externalId`, or `text/csv`
                with a header row naming any of the columns externalId, displayName, email, managerExternalId, department,
                title, active (externalId and displayName are required; RFC 4180 quoting; empty cells are null, an empty
                `active` is true). Each row is a full replacement, as in the PUT. Managers may be stored people or rows
                anywhere in the same import. Up to 16 MiB.

                If any row is bad, nothing is written and the 400 lists every bad row in `errors`, keyed
                `rows[i].field` (or `rows[i]` for the whole row) where `i` is the 0-based position of the row in the
                import: the array index for JSON, the i-th record after the header for CSV. CSV messages also give the
                line number in the file (the header is line 1).
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
