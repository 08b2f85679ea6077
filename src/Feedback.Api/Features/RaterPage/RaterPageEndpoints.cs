using System.Collections.Frozen;
using System.Reflection;

namespace Feedback.Api.Features.RaterPage;

/// <summary>
/// The rater page (<c>GET /rate#token=fbr_…</c>): static HTML, CSS and a small script embedded in the assembly, so it
/// works offline and loads nothing from elsewhere. It is anonymous: the token stays in the URL fragment, which the
/// browser never sends, and the script presents it as a bearer token to the API.
/// </summary>
public static class RaterPageEndpoints
{
    /// <summary>Everything the page may load comes from this service; no inline script or style, no frames, no forms posting away.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Body, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["rate.html"] = (Read("rate.html"), "text/html; charset=utf-8"),
        ["rate.css"] = (Read("rate.css"), "text/css; charset=utf-8"),
        ["rate.js"] = (Read("rate.js"), "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary();

    public static void MapRaterPage(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/rate").WithTags("Rater page").AllowAnonymous();

        group.MapGet("", (HttpContext context) => Serve(context, "rate.html"))
            .WithName("GetRaterPage")
            .WithSummary("The rater page")
            .WithDescription("An HTML page for raters, opened as `/rate#token=fbr_…` (the `raterUrl` of an assignment). "
                + "The token stays in the URL fragment, which browsers never send to the server; the page's script reads it, "
                + "loads `GET /v1/assignments/me` and sends each sheet with `PUT …/leadership` and `PUT …/management`. "
                + "It needs no login and loads nothing from other sites.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= new Microsoft.OpenApi.OpenApiResponses();
                operation.Responses["200"] = new Microsoft.OpenApi.OpenApiResponse
                {
                    Description = "The page (HTML; its CSS and script come from this service under `/rate/`).",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["text/html"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } },
                    },
                };
                return Task.CompletedTask;
            });

        group.MapGet("/{asset:regex(^rate\\.(css|js)$)}", (string asset, HttpContext context) => Serve(context, asset))
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, string name)
    {
        var (body, contentType) = Assets[name];
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(body, contentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"RaterPage.{name}")
            ?? throw new InvalidOperationException($"The rater page asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
