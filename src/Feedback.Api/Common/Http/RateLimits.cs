using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Feedback.Api.Common.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Feedback.Api.Common.Http;

/// <summary>The <c>Feedback:RateLimits</c> section. Per-credential token buckets, and a stricter bucket of failed
/// authentications per client address.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second for one API key or rater token.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests one credential may send at once above the sustained rate.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Failed authentications one client address may make per minute before it gets 429.</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 30;

    /// <summary>One line per setting the token buckets cannot take (they need positive numbers).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var options = configuration.GetSection("Feedback:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.PermitsPerSecond < 1)
        {
            yield return "Feedback__RateLimits__PermitsPerSecond must be at least 1.";
        }

        if (options.Burst < 1)
        {
            yield return "Feedback__RateLimits__Burst must be at least 1.";
        }

        if (options.FailedAuthenticationsPerMinute < 1)
        {
            yield return "Feedback__RateLimits__FailedAuthenticationsPerMinute must be at least 1.";
        }
    }
}

/// <summary>
/// Counts failed authentications (malformed, unknown or revoked tokens) per client address. Only failures take from
/// the bucket, and only failures are refused once it is empty (429 instead of 401): a request with a valid credential
/// is never refused by it, so garbage sent from behind the same load balancer cannot lock valid clients out.
/// </summary>
public sealed class FailedAuthenticationLimiter(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> buckets = new();

    /// <summary>Counts one failure; false when the address is over its limit, with how long until it may try again.</summary>
    public bool TryRecordFailure(string address, out TimeSpan retryAfter)
    {
        if (buckets.Count > 100_000)
        {
            buckets.Clear(); // bound memory under a spray of addresses
        }

        using var lease = buckets.GetOrAdd(address, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.FailedAuthenticationsPerMinute,
            TokensPerPeriod = options.Value.FailedAuthenticationsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        })).AttemptAcquire();
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var bucket in buckets.Values)
        {
            bucket.Dispose();
        }
    }
}

public static class RateLimits
{
    public static IServiceCollection AddFeedbackRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Feedback:RateLimits");
        services.Configure<RateLimitOptions>(section);
        services.AddSingleton<FailedAuthenticationLimiter>();
        var settings = section.Get<RateLimitOptions>() ?? new RateLimitOptions();

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!settings.Enabled || context.User.Identity?.IsAuthenticated != true)
                {
                    return RateLimitPartition.GetNoLimiter("anonymous");
                }

                var caller = Caller.From(context.User);
                return RateLimitPartition.GetTokenBucketLimiter($"{caller.Kind}:{caller.CredentialId}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return WriteTooManyRequestsAsync(context.HttpContext, retryAfter, "This credential sent more requests than its rate limit allows.");
            };
        });
        return services;
    }

    /// <summary>The client's address: the peer, or what a configured proxy forwarded (<see cref="ForwardedHeadersSettings"/>).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static async ValueTask WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Title = "Too many requests",
                Detail = detail + " Retry after the time in Retry-After.",
            },
        });
    }
}
