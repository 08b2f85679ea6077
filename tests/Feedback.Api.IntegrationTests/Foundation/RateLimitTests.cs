using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Foundation;

public sealed class TightLimitsApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:RateLimits:PermitsPerSecond", "1");
        builder.UseSetting("Feedback:RateLimits:Burst", "5");
        builder.UseSetting("Feedback:RateLimits:FailedAuthenticationsPerMinute", "4");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>The test server has no client address; tests name one so each test is its own client.</summary>
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
    public async Task RepeatedFailedAuthentication_Gets429BeforeTheTokenIsLookedAt()
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
}
