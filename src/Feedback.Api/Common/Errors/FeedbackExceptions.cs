namespace Feedback.Api.Common;

/// <summary>A failure the caller can act on; the exception handler turns it into problem details.</summary>
public abstract class FeedbackException(int status, string type, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string Title { get; } = title;
}

/// <summary>404. Also used for another organization's resources, so their existence never leaks.</summary>
public sealed class NotFoundException(string detail)
    : FeedbackException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

/// <summary>403 decided by a handler, for rules that must come after a 404 (e.g. sheet submission).</summary>
public sealed class ForbiddenException(string detail, IReadOnlyList<string>? requiredScopes = null)
    : FeedbackException(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", detail)
{
    /// <summary>Scopes any one of which would have been enough (the problem's <c>requiredScopes</c>).</summary>
    public IReadOnlyList<string> RequiredScopes { get; } = requiredScopes ?? [];
}

/// <summary>409: the resource is in a state that forbids the operation, or a uniqueness rule.</summary>
public sealed class ConflictException(string type, string detail)
    : FeedbackException(StatusCodes.Status409Conflict, type, "Conflict", detail);

/// <summary>412: <c>If-Match</c> named another version.</summary>
public sealed class PreconditionFailedException(string detail)
    : FeedbackException(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "Precondition failed", detail);

/// <summary>400 with <c>errors: { field: [messages] }</c>, for rules checked inside a handler.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors, string? detail = null)
    : FeedbackException(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Invalid request",
        detail ?? "One or more fields are invalid; see errors.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}
