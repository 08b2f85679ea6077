using System.Security.Claims;

namespace Feedback.Api.Common.Auth;

public enum CallerKind
{
    ApiKey,
    Rater,
}

/// <summary>Who is calling, taken from the bearer token only (never from the body).</summary>
public sealed record Caller(Guid OrganizationId, CallerKind Kind, Guid CredentialId, IReadOnlySet<string> Scopes)
{
    internal const string OrganizationClaim = "fb:org";
    internal const string KindClaim = "fb:kind";
    internal const string CredentialClaim = "fb:cred";
    internal const string ScopeClaim = "fb:scope";

    /// <summary>For a rater token, the assignment it belongs to.</summary>
    public Guid? AssignmentId => Kind == CallerKind.Rater ? CredentialId : null;

    public bool HasAnyScope(IEnumerable<string> scopes) =>
        Kind == CallerKind.ApiKey && (Scopes.Contains(Auth.Scopes.Admin) || scopes.Any(Scopes.Contains));

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(OrganizationClaim, OrganizationId.ToString()),
            new(KindClaim, Kind.ToString()),
            new(CredentialClaim, CredentialId.ToString()),
        };
        claims.AddRange(Scopes.Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Lets endpoints take a <see cref="Caller"/> parameter (bound from the authenticated user).</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context.User));

    public static Caller From(ClaimsPrincipal user)
    {
        var org = user.FindFirstValue(OrganizationClaim)
            ?? throw new InvalidOperationException("The endpoint needs authorization but the caller has no organization claim.");
        return new Caller(
            Guid.Parse(org),
            Enum.Parse<CallerKind>(user.FindFirstValue(KindClaim)!),
            Guid.Parse(user.FindFirstValue(CredentialClaim)!),
            user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet());
    }
}
