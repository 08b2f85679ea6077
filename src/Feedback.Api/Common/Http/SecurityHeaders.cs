namespace Feedback.Api.Common.Http;

/// <summary>Marks an endpoint whose responses carry a secret or a rater's assignment: never stored by any cache.</summary>
public sealed class NoStoreMetadata;

/// <summary>
/// Headers on every response: <c>X-Content-Type-Options: nosniff</c> (a JSON or CSV body is never run as a script or
/// page), <c>Referrer-Policy: no-referrer</c> (a page of ours never leaks its URL, e.g. a rater link, to another site),
/// and <c>Cache-Control: no-store</c> on endpoints marked with <see cref="NoStoreMetadata"/> (replays of them too).
/// HSTS is added by <c>UseHsts</c> on HTTPS requests.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.GetEndpoint()?.Metadata.GetMetadata<NoStoreMetadata>() is not null)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>Responses of this endpoint carry a secret or an assignment: <c>Cache-Control: no-store</c>.</summary>
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoStoreMetadata());
}
