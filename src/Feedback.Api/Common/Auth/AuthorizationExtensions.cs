using Microsoft.AspNetCore.Authorization;

namespace Feedback.Api.Common.Auth;

/// <summary>Satisfied by an API key holding <c>admin</c> or any of the listed scopes.</summary>
public sealed class ScopeRequirement(IReadOnlyList<string> anyOf) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && Caller.From(context.User).HasAnyScope(requirement.AnyOf))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Satisfied by a token of the given kind.</summary>
public sealed class CallerKindRequirement(CallerKind kind) : AuthorizationHandler<CallerKindRequirement>, IAuthorizationRequirement
{
    public CallerKind Kind { get; } = kind;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerKindRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && Caller.From(context.User).Kind == requirement.Kind)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class AuthorizationExtensions
{
    /// <summary>Any API key with <c>admin</c> or one of <paramref name="anyOf"/>; with none listed, any API key.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] anyOf)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p
            .RequireAuthenticatedUser()
            .AddRequirements(anyOf.Length == 0
                ? new CallerKindRequirement(CallerKind.ApiKey)
                : new ScopeRequirement(anyOf)));

    /// <summary>Only a rater token.</summary>
    public static TBuilder RequireRaterToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser().AddRequirements(new CallerKindRequirement(CallerKind.Rater)));

    /// <summary>Any valid token; the handler decides what the caller may do (used by sheet submission).</summary>
    public static TBuilder RequireAnyToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser());
}
