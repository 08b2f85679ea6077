namespace Feedback.Api.Common.Http;

/// <summary>Strong ETags made from a row's version (PostgreSQL xmin, which changes on every update): <c>"1234"</c>.</summary>
public static class EntityTag
{
    public static string Format(uint version) => $"\"{version}\"";

    /// <summary>
    /// Whether an <c>If-Match</c> header lets a write go ahead (RFC 9110 13.1.1): no header always does; <c>*</c>
    /// matches any existing resource; otherwise one of the listed strong tags must equal the current one. Weak tags
    /// never match, and nothing matches a resource that does not exist (<paramref name="currentVersion"/> null).
    /// </summary>
    public static bool Matches(string? ifMatch, uint? currentVersion) =>
        string.IsNullOrWhiteSpace(ifMatch)
        || (currentVersion is { } version
            && ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Any(tag => tag == "*" || tag == Format(version)));
}
