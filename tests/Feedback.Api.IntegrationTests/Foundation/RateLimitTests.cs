using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Foundation;

public class TightLimitsApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:RateLimits:PermitsPerSecond", "1");
        builder.UseSetting("Feedback:RateLimits:Burst", "5");
        builder.UseSetting("Feedback:RateLimits:FailedAuthenticationsPerMinute", "4");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>The test server has no client address; tests name the peer's, so each test is its own client (and the
    /// peer may be a proxy, see <see cref="BehindProxyApiFactory"/>).</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Client"], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class RateLimitTests(TightLimitsApiFactory api) : IClassFixture<TightLimitsApiFactory>
{
    [Fact]
    public async Task Overload_Gets429WithRetryAfter_WhileAnotherKeyWithinQuotaIsUnaffected()
    {
        var org = await api.CreateOrganizationAsync();
        var noisy = await org.ClientWithScopesAsync("admin");
        var quiet = await org.ClientWithScopesAsync("admin");
        noisy.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.1");
        quiet.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.2");

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add(await noisy.GetAsync("/v1/api-keys"));
        }

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(statuses.Count(r => r.StatusCode == HttpStatusCode.OK) >= 5, "the burst is served");
        await limited[0].AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task RepeatedFailedAuthentication_Gets429_PerClientAddress()
    {
        var stranger = api.ClientWithToken("fbk_guessing-" + Guid.NewGuid().ToString("N"));
        stranger.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.3");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await stranger.GetAsync("/v1/api-keys")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var blocked = await stranger.GetAsync("/v1/api-keys");
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(blocked.Headers.RetryAfter);

        // The block is per address: a client elsewhere is unaffected.
        var org = await api.CreateOrganizationAsync();
        var elsewhere = org.Admin;
        elsewhere.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.4");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task AValidCredential_FromAnAddressOverTheFailedLimit_IsNeverRefused()
    {
        var org = await api.CreateOrganizationAsync();
        var garbage = api.ClientWithToken("fbk_garbage-" + Guid.NewGuid().ToString("N"));
        var valid = org.Admin;
        var rater = api.ClientWithToken((await (await api.CreateOrganizationAsync()).AssignmentAsync()).RaterToken);
        foreach (var client in new[] { garbage, valid, rater })
        {
            client.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.5"); // one load balancer in front of everybody
        }

        for (var i = 0; i < 10; i++)
        {
            await garbage.GetAsync("/v1/api-keys");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await garbage.GetAsync("/v1/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/v1/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rater.GetAsync("/v1/assignments/me")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await garbage.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task XForwardedFor_FromAnUntrustedPeer_IsIgnored_SoAChangingHeaderDoesNotResetTheLimit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var stranger = api.ClientWithToken("fbk_guessing-" + Guid.NewGuid().ToString("N"));
            stranger.DefaultRequestHeaders.Add("X-Test-Client", "10.0.0.6");
            stranger.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await stranger.GetAsync("/v1/api-keys")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

/// <summary>The service behind a load balancer at 10.9.9.9 that it is told to trust.</summary>
public sealed class BehindProxyApiFactory : TightLimitsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:ForwardedHeaders:KnownProxies", "10.9.9.9");
    }
}

public sealed class ForwardedHeadersTests(BehindProxyApiFactory api) : IClassFixture<BehindProxyApiFactory>
{
    private HttpClient ThroughProxy(string token, string? forwardedFor, string peer = "10.9.9.9")
    {
        var client = api.ClientWithToken(token);
        client.DefaultRequestHeaders.Add("X-Test-Client", peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    [Fact]
    public async Task BehindATrustedProxy_TheLimitIsPerForwardedClient()
    {
        var attacker = ThroughProxy("fbk_garbage-" + Guid.NewGuid().ToString("N"), "198.51.100.20");
        for (var i = 0; i < 6; i++)
        {
            await attacker.GetAsync("/v1/api-keys");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.GetAsync("/v1/api-keys")).StatusCode);
        // Another client behind the same proxy, with a typo in its token, is a separate bucket.
        var neighbour = ThroughProxy("fbk_typo-" + Guid.NewGuid().ToString("N"), "198.51.100.21");
        Assert.Equal(HttpStatusCode.Unauthorized, (await neighbour.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task AClientSpoofingXForwardedFor_WithoutGoingThroughTheProxy_IsKeyedOnItsOwnAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            var spoofer = ThroughProxy("fbk_guess-" + Guid.NewGuid().ToString("N"), $"203.0.113.{i + 1}", peer: "192.0.2.77");
            statuses.Add((await spoofer.GetAsync("/v1/api-keys")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheProxysXForwardedProto_MakesTheRequestHttps_ForHsts()
    {
        var org = await api.CreateOrganizationAsync();
        var client = ThroughProxy(org.AdminKey, "198.51.100.30");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Host = "feedback.example.org";
        var response = await client.GetAsync("/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));

        var direct = ThroughProxy(org.AdminKey, "198.51.100.30", peer: "192.0.2.78");
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        direct.DefaultRequestHeaders.Host = "feedback.example.org";
        Assert.False((await direct.GetAsync("/v1/api-keys")).Headers.Contains("Strict-Transport-Security"));
    }
}
