using System.Text.Encodings.Web;
using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Common.Auth;

/// <summary>
/// Resolves <c>Authorization: Bearer fbk_…</c> (API key) or <c>fbr_…</c> (rater token) by the hash of the secret,
/// and answers 401/403 as problem details. A failed authentication is counted per client address
/// (<see cref="FailedAuthenticationLimiter"/>) and audited; over the limit it is answered 429 instead of 401. A valid
/// token is always honoured, whatever its address sent before.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FeedbackDbContext db,
    CredentialCache cache,
    FailedAuthenticationLimiter failures,
    AuditLog audit,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private static readonly object OverLimitKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Failed("not a Bearer authorization");
        }

        var token = header["Bearer ".Length..].Trim();
        var caller = await FindCallerAsync(token);
        if (caller is null)
        {
            return Failed(token.StartsWith(TokenFormat.ApiKeyPrefix, StringComparison.Ordinal) ? "unknown or revoked API key"
                : token.StartsWith(TokenFormat.RaterTokenPrefix, StringComparison.Ordinal) ? "unknown rater token"
                : "not a Feedback token");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    private AuthenticateResult Failed(string reason)
    {
        var address = RateLimits.ClientAddress(Context);
        var withinLimit = failures.TryRecordFailure(address, out var retryAfter);
        audit.AuthenticationFailed(address, reason, limited: !withinLimit);
        if (!withinLimit)
        {
            Context.Items[OverLimitKey] = retryAfter;
        }

        return AuthenticateResult.Fail("The bearer token is malformed, unknown or revoked.");
    }

    private async Task<Caller?> FindCallerAsync(string token)
    {
        if (token.Length > 200)
        {
            return null;
        }

        var hash = TokenFormat.Hash(token);
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var epoch = cache.Epoch;
        var caller = await LookUpAsync(token, hash, Context.RequestAborted);
        if (caller is not null)
        {
            cache.Set(hash, caller, epoch);
        }

        return caller;
    }

    private sealed record KeyRow(Guid Id, Guid OrganizationId, string[] Scopes);

    private sealed record RaterRow(Guid Id, Guid OrganizationId);

    // Compiled: a token the cache has not seen costs this lookup on the request's path (a rater's first submission).
    private static readonly Func<FeedbackDbContext, byte[], Task<KeyRow?>> FindKey = EF.CompileAsyncQuery(
        (FeedbackDbContext db, byte[] hash) => db.ApiKeys.AsNoTracking()
            .TagWith(PreparedStatements.ApiKeyLookup)
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new KeyRow(k.Id, k.OrganizationId, k.Scopes))
            .SingleOrDefault());

    private static readonly Func<FeedbackDbContext, byte[], Task<RaterRow?>> FindRater = EF.CompileAsyncQuery(
        (FeedbackDbContext db, byte[] hash) => db.Assignments.AsNoTracking()
            .TagWith(PreparedStatements.RaterTokenLookup)
            .Where(a => a.TokenHash == hash)
            .Select(a => new RaterRow(a.Id, a.OrganizationId))
            .SingleOrDefault());

    private async Task<Caller?> LookUpAsync(string token, byte[] hash, CancellationToken aborted)
    {
        aborted.ThrowIfCancellationRequested();
        if (token.StartsWith(TokenFormat.ApiKeyPrefix, StringComparison.Ordinal))
        {
            var key = await FindKey(db, hash);
            return key is null ? null : new Caller(key.OrganizationId, CallerKind.ApiKey, key.Id, key.Scopes.ToHashSet());
        }

        if (token.StartsWith(TokenFormat.RaterTokenPrefix, StringComparison.Ordinal))
        {
            var assignment = await FindRater(db, hash);
            return assignment is null
                ? null
                : new Caller(assignment.OrganizationId, CallerKind.Rater, assignment.Id, new HashSet<string>());
        }

        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[OverLimitKey] is TimeSpan retryAfter)
        {
            await RateLimits.WriteTooManyRequestsAsync(Context, retryAfter, "Too many failed authentications from this address.");
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var missing = string.IsNullOrEmpty(Request.Headers.Authorization);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Type = ProblemTypes.Unauthorized,
                Detail = missing
                    ? "Send 'Authorization: Bearer <token>' with an API key (fbk_…) or a rater token (fbr_…)."
                    : "The bearer token is unknown or has been revoked.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var (detail, scopes) = ForbiddenScopeResultHandler.Describe(Context);
        var problem = new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Type = ProblemTypes.Forbidden,
                Detail = detail,
            },
        };
        if (scopes.Count > 0)
        {
            problem.ProblemDetails.Extensions["requiredScopes"] = scopes;
        }

        await problems.WriteAsync(problem);
    }
}
