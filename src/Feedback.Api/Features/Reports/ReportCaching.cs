using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// Reports of a closed cycle never change, so their ETag is a hash of what identifies the representation (cycle,
/// close time, media type, the address); <c>If-None-Match</c> with it answers 304 without a body.
/// </summary>
internal static class ReportCaching
{
    // Changes with the report rules (a recompute keeps the close time), so clients do not keep a stale copy; bump
    // the suffix when only the shape changes.
    private static readonly string Version = FormattableString.Invariant($"reports-v2-rules-{Domain.Reports.ReportRules.Version}");

    public static string ETag(params object?[] parts)
    {
        var text = string.Join('\u001f', parts.Prepend(Version).Select(p => p switch
        {
            DateTimeOffset d => d.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture),
        }));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)) + "\"";
    }

    /// <summary>Sets the validators and caching headers; true when the client's copy is current (answer 304).</summary>
    public static bool IsNotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private";
        var current = new EntityTagHeaderValue(etag);
        // Weak comparison, as RFC 9110 prescribes for If-None-Match.
        return http.Request.GetTypedHeaders().IfNoneMatch
            .Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    public static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
