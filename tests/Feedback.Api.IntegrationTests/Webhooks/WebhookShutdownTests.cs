using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Webhooks;

/// <summary>A stopping instance gives back the deliveries it claimed, so another instance retries them at once.</summary>
[Collection(WebhookRestartCollection.Name)]
public sealed class WebhookShutdownTests
{
    [Fact]
    public async Task AnInstanceStoppingMidAttempt_ReleasesItsClaim_AndTheNextInstanceDeliversWithoutWaitingForTheLease()
    {
        await using var receiver = await StallingReceiver.StartAsync();
        TestOrganization org;
        Guid webhookId;
        string database;
        await using (var first = new WebhookApiFactory())
        {
            await first.InitializeAsync();
            database = first.ConnectionString;
            org = await first.CreateOrganizationAsync();
            webhookId = (await org.SubscribeAsync($"{receiver.BaseUrl}/stall", "cycle.opened")).GetProperty("id").GetGuid();
            await org.TransitionAsync(await org.CreateCycleAsync(), "open");

            // The first instance is in the middle of its attempt: the receiver holds the request without answering.
            await receiver.WaitForStalledAsync();
            var (attempts, dueIn, _) = await DeliveryAsync(database, webhookId);
            Assert.Equal(1, attempts);
            Assert.True(dueIn > TimeSpan.FromSeconds(20), $"the claim's lease ends in {dueIn}"); // Timeout 5 s + 30 s
        }

        // Stopped mid-attempt: the claim is back, due now, the interrupted attempt not counted.
        var (released, releasedDueIn, status) = await DeliveryAsync(database, webhookId);
        Assert.Equal((0, "Pending"), (released, status));
        Assert.True(releasedDueIn <= TimeSpan.Zero, $"due in {releasedDueIn}");

        receiver.Answer();
        var restarted = Stopwatch.StartNew();
        await using var second = new WebhookApiFactory();
        await second.InitializeAsync();
        _ = second.Services; // starts the host, and with it the dispatcher
        var log = await (org with { Factory = second }).WaitForAttemptsAsync(webhookId, 1, seconds: 15);
        Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(15), "redelivered only after the lease ran out");
        var attempt = Assert.Single(log);
        Assert.True(attempt.GetProperty("succeeded").GetBoolean(), attempt.ToString());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
    }

    private static async Task<(int Attempts, TimeSpan DueIn, string Status)> DeliveryAsync(string database, Guid webhookId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT attempts, next_attempt_at - now(), status FROM webhook_deliveries WHERE subscription_id = @id", connection);
        command.Parameters.AddWithValue("id", webhookId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no delivery row");
        return (reader.GetInt32(0), reader.GetTimeSpan(1), reader.GetString(2));
    }

    /// <summary>A receiver that holds every request without answering until <see cref="Answer"/>; then 200.</summary>
    private sealed class StallingReceiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool answering;

        private StallingReceiver(WebApplication app) => this.app = app;

        public string BaseUrl => app.Urls.Single();

        public static async Task<StallingReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new StallingReceiver(app);
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                if (receiver.answering)
                {
                    return Results.Ok();
                }

                receiver.stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.StatusCode(499);
            });
            await app.StartAsync();
            return receiver;
        }

        public Task WaitForStalledAsync() => stalled.Task.WaitAsync(TimeSpan.FromSeconds(20));

        public void Answer() => answering = true;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
