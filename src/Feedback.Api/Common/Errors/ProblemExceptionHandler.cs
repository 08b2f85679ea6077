using Feedback.Api.Common.Http;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.Common;

/// <summary>The one place where exceptions become RFC 9457 problem details. Bad input is never a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = 499; // client went away; nobody reads the body
            return true;
        }

        var problem = ToProblem(exception, context);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while the database fails over: one line per request, not a stack trace each.
            logger.LogWarning("Request {Method} {Path} answered 503: database unavailable ({Error})",
                context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", context.Request.Method, context.Request.Path, problem.Status);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = problem.Status!.Value;

        // Written as problem+json whatever the client accepts (ProblemJsonWriter).
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpContext context) => exception switch
    {
        RequestValidationException e => Validation(e.Errors, e.Message),
        ValidationException e => Validation(
            e.Errors.GroupBy(x => CamelCasePath(x.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage).Distinct().ToArray()),
            "One or more fields are invalid; see errors."),
        ForbiddenException { RequiredScopes.Count: > 0 } e => WithRequiredScopes(Problem(e.Status, e.Type, e.Title, e.Message), e.RequiredScopes),
        FeedbackException e => Problem(e.Status, e.Type, e.Title, e.Message),
        BadHttpRequestException e => BadRequest(e),
        JsonException e => Json(e),
        DbUpdateConcurrencyException => Problem(409, ProblemTypes.Conflict, "Conflict",
            "The resource was changed by another request at the same time; read it again and retry."),
        _ when IsUniqueViolation(exception) => Problem(409, ProblemTypes.Duplicate, "Conflict",
            "A resource with the same identity already exists."),
        // System.Text.Json checks UTF-8 lazily: invalid bytes inside a string surface when a handler reads it.
        _ when Unwrap(exception).Any(x => x is System.Text.DecoderFallbackException) => Problem(400, ProblemTypes.MalformedRequest,
            "Malformed JSON", "The body is not valid UTF-8."),
        _ when IsUnstorableText(exception) => Problem(400, ProblemTypes.MalformedRequest, "Bad request",
            "The request holds text that cannot be stored or searched: a NUL character (U+0000) or an unpaired UTF-16 surrogate."),
        _ when DatabaseFailures.IsUnavailable(exception) => Problem(503, ProblemTypes.DatabaseUnavailable, "Service unavailable",
            "The database is unavailable; retry after the time in Retry-After."),
        _ => Problem(500, ProblemTypes.Internal, "Internal server error",
            $"An unexpected error occurred; quote trace id {context.TraceIdentifier} when reporting it."),
    };

    private static ProblemDetails BadRequest(BadHttpRequestException e) => e.StatusCode switch
    {
        413 => Problem(413, ProblemTypes.PayloadTooLarge, "Payload too large", "The request body is larger than this operation accepts."),
        415 => Problem(415, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
            "Send the body as application/json (or text/csv where the operation says so)."),
        _ when e.InnerException is JsonException json => Json(json),
        _ => Problem(e.StatusCode, ProblemTypes.MalformedRequest, "Bad request", e.Message),
    };

    /// <summary>An unknown field (strict bodies) is a validation error naming it; anything else is malformed JSON.</summary>
    private static ProblemDetails Json(JsonException e) =>
        StrictJson.TryGetUnknownField(e, out var field)
            ? Validation(new Dictionary<string, string[]> { [field] = [StrictJson.UnknownFieldMessage] },
                "The body has a field this operation does not take; see errors.")
            : Problem(400, ProblemTypes.MalformedRequest, "Malformed JSON", JsonDetail(e));

    private static string JsonDetail(JsonException e) =>
        e.Path is { Length: > 0 } path
            ? $"The body is not valid JSON for this operation (at {path}, line {e.LineNumber + 1})."
            : "The body is not valid JSON for this operation.";

    private static ProblemDetails Validation(IDictionary<string, string[]> errors, string detail) => new HttpValidationProblemDetails(errors)
    {
        Status = 400,
        Type = ProblemTypes.Validation,
        Title = "Invalid request",
        Detail = detail,
    };

    private static ProblemDetails WithRequiredScopes(ProblemDetails problem, IReadOnlyList<string> scopes)
    {
        problem.Extensions["requiredScopes"] = scopes;
        return problem;
    }

    private static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    private static bool IsUniqueViolation(Exception e) =>
        Unwrap(e).OfType<PostgresException>().Any(p => p.SqlState == PostgresErrorCodes.UniqueViolation);

    /// <summary>PostgreSQL text cannot hold U+0000 (22021), and an unpaired surrogate has no UTF-8 form: bad input, not a bug.</summary>
    private static bool IsUnstorableText(Exception e) =>
        Unwrap(e).Any(x => x is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }
            or System.Text.EncoderFallbackException);

    private static IEnumerable<Exception> Unwrap(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
