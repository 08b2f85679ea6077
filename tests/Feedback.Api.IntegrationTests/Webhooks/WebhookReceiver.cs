using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.Webhooks;

/// <summary>What the receiver got: the headers the test checks and the body as sent.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) that records every POST and answers with the statuses it was told
/// to, in order (200 once they run out).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> statuses = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            receiver.received.Enqueue(new ReceivedWebhook(context.Request.Path, headers["Webhook-Id"], headers["Webhook-Timestamp"],
                headers["Webhook-Signature"], context.Request.ContentType, body));
            return Results.StatusCode(receiver.statuses.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.Single(); // the bound port, once started
        return receiver;
    }

    /// <summary>The next answers, in order.</summary>
    public void AnswerWith(params int[] next)
    {
        foreach (var status in next)
        {
            statuses.Enqueue(status);
        }
    }

    /// <summary>Waits until the receiver got <paramref name="count"/> matching requests; fails after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var matching = Received.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Expected {count} webhook(s) within {seconds} s, got {matching.Count}; all received: {string.Join(", ", Received.Select(r => r.Path))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
