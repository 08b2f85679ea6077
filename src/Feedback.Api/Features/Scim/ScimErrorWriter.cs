using System.Globalization;
using Feedback.Api.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Scim;

/// <summary>
/// Every error under <c>/scim/</c> — thrown, from auth (401/403), rate limits, unmatched routes — goes through the
/// problem details service; this writer, registered first, answers those as SCIM error bodies instead.
/// </summary>
public sealed class ScimErrorWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments("/scim");

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        var error = new ScimError(
            [ScimProtocol.ErrorSchema],
            status.ToString(CultureInfo.InvariantCulture),
            ScimTypeOf(context, status),
            DetailOf(context.ProblemDetails) ?? FrameworkDetail(status));
        return new ValueTask(response.WriteAsJsonAsync(error, json.Value.SerializerOptions, ScimProtocol.ContentType, context.HttpContext.RequestAborted));
    }

    private static string? ScimTypeOf(ProblemDetailsContext context, int status) => context.Exception switch
    {
        ScimException e => e.ScimType,
        _ => (status, context.ProblemDetails.Type) switch
        {
            (400, ProblemTypes.Validation) => "invalidValue",
            (400, ProblemTypes.MalformedRequest) => "invalidSyntax",
            (409, ProblemTypes.Duplicate) => "uniqueness",
            _ => null,
        },
    };

    private static string? DetailOf(ProblemDetails problem) => problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation
        ? string.Join(" ", validation.Errors.SelectMany(e => e.Value))
        : problem.Detail;

    // Responses the framework writes itself (unmatched route, wrong method or media type) come without a detail.
    private static string FrameworkDetail(int status) => status switch
    {
        404 => "No resource at this address (or it belongs to another organization).",
        405 => "This address does not accept this HTTP method.",
        415 => "Send the body as application/scim+json or application/json.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
