using System.Globalization;
using Feedback.Api.Common;
using Microsoft.AspNetCore.Mvc;
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
            DetailOf(context.ProblemDetails));
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
        : problem.Detail ?? problem.Title;
}
