using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces (ASP.NET Core and Npgsql spans), metrics and logs reach the collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_TracesMetricsAndLogsAreExported_AndHoldNoToken()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var adminKey = "fbk_otlp-" + Guid.NewGuid().ToString("N");
        await using var api = await ApiProcess.StartAsync(await TestDatabase.ConnectionStringAsync(), new()
        {
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
            ["Feedback__Bootstrap__OrganizationName"] = "OTLP " + Guid.NewGuid().ToString("N")[..8],
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200", // export batches quickly instead of every 5 s
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var created = await api.Client(adminKey).PostAsJsonAsync("/v1/cycles", new { name = "traced" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The request's span and the database's spans (they may come in different batches).
        var request = await collector.WaitForAsync("/v1/traces", body => body.Contains("/v1/cycles", StringComparison.Ordinal));
        Assert.Contains("feedback-api", request); // service.name
        await collector.WaitForAsync("/v1/traces", body => body.Contains("postgresql", StringComparison.Ordinal) && body.Contains("INSERT INTO", StringComparison.Ordinal));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => body.Contains("http.server.request.duration", StringComparison.Ordinal));
        Assert.Contains("db.client.operation.duration", metrics);
        await collector.WaitForAsync("/v1/logs", body => body.Contains("CreateCycleCommand", StringComparison.Ordinal));

        Assert.All(collector.Bodies, b => Assert.DoesNotContain(adminKey, b));
    }

    /// <summary>A stand-in OTLP/HTTP collector on 127.0.0.1: keeps every export body (protobuf; its strings are readable as UTF-8).</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<(string Path, string Body)> received = new();

        private OtlpCollector(WebApplication app) => this.app = app;

        public string Url => app.Urls.Single();

        public IEnumerable<string> Bodies => received.Select(r => r.Body);

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.received.Enqueue((context.Request.Path, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async Task<string> WaitForAsync(string path, Func<string, bool> match)
        {
            for (var tries = 0; tries < 150; tries++)
            {
                var body = received.Where(r => r.Path == path).Select(r => r.Body).FirstOrDefault(match);
                if (body is not null)
                {
                    return body;
                }

                await Task.Delay(100);
            }

            foreach (var r in received.Where(r => r.Path == path).Take(3))
            {
                Console.WriteLine($"{r.Path}: {new string(r.Body.Where(c => c >= ' ' && c < 127).ToArray())[..Math.Min(1500, r.Body.Length)]}");
            }

            Assert.Fail($"no matching export to {path}; got {string.Join(", ", received.GroupBy(r => r.Path).Select(g => $"{g.Key} x{g.Count()}"))}");
            return "";
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
