using System.Text;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>
/// Content negotiation of the report URLs: JSON unless the client asks for one of the other representations at
/// least as strongly (q) by its exact media type. No Accept, or only wildcards, is JSON.
/// </summary>
internal static class ReportMedia
{
    public const string Json = "application/json";
    public const string Csv = "text/csv";
    public const string Svg = "image/svg+xml";
    public const string Html = "text/html";

    /// <summary>The chosen media type among <paramref name="others"/>, or <see cref="Json"/>.</summary>
    public static string Choose(HttpRequest request, params string[] others)
    {
        double json = 0;
        var best = (Type: Json, Q: 0.0);
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return Json;
        }

        foreach (var type in accept)
        {
            var q = type.Quality ?? 1;
            var name = type.MediaType.Value ?? "";
            if (name.Equals(Json, StringComparison.OrdinalIgnoreCase) || name is "application/*" or "*/*")
            {
                json = Math.Max(json, q);
            }

            foreach (var other in others)
            {
                if (name.Equals(other, StringComparison.OrdinalIgnoreCase) && q > best.Q)
                {
                    best = (other, q);
                }
            }
        }

        return best.Q > 0 && best.Q >= json ? best.Type : Json;
    }

    /// <summary>A drawn or rendered report: never scripts (CSP), never sniffed, cached like the JSON.</summary>
    public static IResult Document(string body, string mediaType) => new DocumentResult(body, mediaType);

    private sealed class DocumentResult(string body, string mediaType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = mediaType + "; charset=utf-8";
            // No script may run and nothing may load, whoever opens the document; styles are inline.
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            response.Headers.XContentTypeOptions = "nosniff";
            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }
}
