using Microsoft.Extensions.Options;

namespace Feedback.Api.Common;

/// <summary>Absolute links to this service, built from <see cref="FeedbackOptions.PublicBaseUrl"/>.</summary>
public sealed class PublicUrls(IOptions<FeedbackOptions> options)
{
    private readonly string baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The public base URL without a trailing slash.</summary>
    public string BaseUrl => baseUrl;

    /// <summary>
    /// The link HR sends a rater. The token travels in the fragment, which browsers never send to the server,
    /// so it stays out of access logs and proxies.
    /// </summary>
    public string RaterUrl(string raterToken) => $"{baseUrl}/rate#token={raterToken}";

    /// <summary>An absolute URL for a path of this service (the path starts with '/').</summary>
    public string For(string path) => baseUrl + path;

    public static bool IsValidBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
