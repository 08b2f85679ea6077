using Feedback.Api.Common;

namespace Feedback.Api.Features.Scim;

/// <summary>The URNs and media type of SCIM 2.0 (RFC 7643/7644).</summary>
public static class ScimProtocol
{
    public const string ContentType = "application/scim+json";
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUserSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string BasePath = "/scim/v2";

    public static readonly string[] UserSchemas = [UserSchema, EnterpriseUserSchema];

    /// <summary>A JSON body as <c>application/scim+json</c>.</summary>
    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, contentType: ContentType, statusCode: status);

    /// <summary>
    /// The absolute base URL of the SCIM service, for <c>Location</c> and <c>meta.location</c>: from the configured
    /// public base URL (<see cref="PublicUrls"/>), never from the request's Host header, which the caller controls.
    /// </summary>
    public static string BaseUrl(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<PublicUrls>().For(BasePath);
}

/// <summary>
/// A failure with a SCIM <c>scimType</c> (RFC 7644 §3.12). It is a <see cref="FeedbackException"/>, so the one
/// exception handler answers it; <see cref="ScimErrorWriter"/> then writes the SCIM error body.
/// </summary>
public sealed class ScimException(int status, string scimType, string detail)
    : FeedbackException(
        status,
        status == StatusCodes.Status409Conflict ? ProblemTypes.Duplicate : ProblemTypes.Validation,
        status == StatusCodes.Status409Conflict ? "Conflict" : "Invalid request",
        detail)
{
    public string ScimType { get; } = scimType;

    public static ScimException InvalidValue(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);

    public static ScimException InvalidSyntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);

    public static ScimException InvalidFilter(string detail) => new(StatusCodes.Status400BadRequest, "invalidFilter", detail);

    public static ScimException InvalidPath(string detail) => new(StatusCodes.Status400BadRequest, "invalidPath", detail);

    public static ScimException NoTarget(string detail) => new(StatusCodes.Status400BadRequest, "noTarget", detail);

    public static ScimException Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);
}
