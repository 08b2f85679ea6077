using Feedback.Api.IntegrationTests.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>A dispatcher with 4 slots, at most 2 for one organization, and a long receiver timeout.</summary>
public sealed class FairDispatcherFactory : WebhookApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Webhooks:BatchSize", "4");
        builder.UseSetting("Feedback:Webhooks:ConcurrencyPerOrganization", "2");
        builder.UseSetting("Feedback:Webhooks:Timeout", "00:01:00");
    }
}

[Collection(WebhookRestartCollection.Name)]
public sealed class WebhookFairnessTests
{
    [Fact]
    public async Task ATenantWhoseReceiverHangs_HoldsOnlyItsShareOfTheSlots_AndAnotherTenantsEventGoesOutMeanwhile()
    {
        await using var hanging = await HangingReceiver.StartAsync();
        await using var fast = await WebhookReceiver.StartAsync();
        await using var api = new FairDispatcherFactory();
        await api.InitializeAsync();

        var slow = await api.CreateOrganizationAsync();
        await slow.SubscribeAsync($"{hanging.BaseUrl}/slow", "cycle.opened");
        for (var i = 0; i < 8; i++)
        {
            await slow.TransitionAsync(await slow.CreateCycleAsync(), "open"); // 8 events to a receiver that never answers
        }

        await hanging.WaitForRequestsAsync(2);
        var other = await api.CreateOrganizationAsync();
        await other.SubscribeAsync($"{fast.BaseUrl}/fast", "cycle.opened");
        await other.TransitionAsync(await other.CreateCycleAsync(), "open");

        // Delivered while the slow tenant's attempts still hang (they would until the one-minute timeout).
        await fast.WaitForAsync(h => h.Type == "cycle.opened", seconds: 15);
        Assert.Equal(2, hanging.Requests); // never more than its share at once
    }

    /// <summary>Accepts POSTs and never answers them until disposed.</summary>
    private sealed class HangingReceiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly CancellationTokenSource release = new();
        private int requests;

        private HangingReceiver(WebApplication app) => this.app = app;

        public string BaseUrl { get; private set; } = "";

        public int Requests => Volatile.Read(ref requests);

        public static async Task<HangingReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new HangingReceiver(app);
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                Interlocked.Increment(ref receiver.requests);
                await Task.Delay(Timeout.Infinite, receiver.release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.BaseUrl = app.Urls.Single();
            return receiver;
        }

        public async Task WaitForRequestsAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Requests < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the hanging receiver got {Requests} requests, expected {count}");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await release.CancelAsync();
            await app.DisposeAsync();
            release.Dispose();
        }
    }
}
