using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// Remembers which requirement failed, so the 403 problem can name the missing scope (or the token kind needed)
/// instead of a generic "forbidden". The answer itself is still written by <see cref="BearerAuthenticationHandler"/>.
/// The fallback policy (a valid token unless an endpoint allows anonymous callers) guards endpoints only: an address
/// with no endpoint has nothing to protect and answers 404 to anybody.
/// </summary>
public sealed class ForbiddenScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private static readonly object Key = new();
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint() is null)
        {
            return next(context);
        }

        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            context.Items[Key] = failure.FailedRequirements.ToList();
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>What the caller lacked, in words, and the scopes that would have been enough (empty when a kind of token was needed).</summary>
    public static (string Detail, IReadOnlyList<string> Scopes) Describe(HttpContext context)
    {
        var failed = context.Items[Key] as List<IAuthorizationRequirement> ?? [];
        if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { } scope)
        {
            var anyOf = scope.AnyOf.Append(Scopes.Admin).Distinct().ToList();
            return ($"This API key lacks the scope this operation needs: {string.Join(" or ", anyOf)}.", anyOf);
        }

        if (failed.OfType<CallerKindRequirement>().FirstOrDefault() is { } kind)
        {
            return (kind.Kind == CallerKind.Rater
                ? "This operation takes a rater token (fbr_…), not an API key."
                : "This operation takes an API key (fbk_…), not a rater token.", []);
        }

        return ("This token may not call this operation.", []);
    }
}
