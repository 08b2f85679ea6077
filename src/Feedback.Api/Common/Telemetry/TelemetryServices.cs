using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Feedback.Api.Common.Telemetry;

/// <summary>
/// OpenTelemetry: metrics (ASP.NET Core, HttpClient, Npgsql and <see cref="FeedbackMetrics"/>) for the Prometheus
/// endpoint and OTLP; traces and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard
/// <c>OTEL_*</c> variables configure the exporter). With neither, nothing is collected.
/// </summary>
public static class TelemetryServices
{
    public const string ServiceName = "feedback-api";
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddFeedbackTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<FeedbackMetrics>();

        var prometheus = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Enabled == true;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName,
                serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(FeedbackMetrics.MeterName);
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            telemetry
                .WithTracing(t => t
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = RedactPath)
                    .AddNpgsql())
                .WithLogging()
                .UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// Listens on <c>Feedback__Metrics__Port</c> too, beside the configured URLs (on the first one's address), so
    /// <c>/metrics</c> can be served on a port the public Service does not expose.
    /// </summary>
    public static void ListenOnMetricsPort(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        var options = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>();
        if (options is not { Enabled: true, Port: { } port })
        {
            return;
        }

        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (urls.Count == 0)
        {
            // ASPNETCORE_HTTP_PORTS (the container images' default), else Kestrel's own default.
            urls.AddRange((configuration[WebHostDefaults.HttpPortsKey] ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => $"http://*:{p}"));
        }

        if (urls.Count == 0)
        {
            urls.Add("http://localhost:5000");
        }

        // On the same address as the API (all interfaces in a container, loopback when the API is on loopback).
        var host = BindingAddress.Parse(urls[0]).Host;
        webHost.UseUrls([.. urls, $"http://{host}:{port}"]);
    }

    /// <summary>
    /// With <c>Feedback__Metrics__Port</c>: that port serves <c>/metrics</c> and nothing else, and the API's ports never
    /// serve it. Decided by the connection's local port, not the Host header, which the client chooses.
    /// </summary>
    public static void UseMetricsPort(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options is not { Enabled: true, Port: { } port })
        {
            return;
        }

        app.Use((http, next) =>
        {
            if ((http.Connection.LocalPort == port) == http.Request.Path.StartsWithSegments(MetricsPath))
            {
                return next(http);
            }

            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>The Prometheus scrape endpoint when enabled; anonymous, as scrapers carry no API key.</summary>
    public static void MapFeedbackMetrics(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            routes.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().ExcludeFromDescription();
        }
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>Webhook URLs may carry the receiver's own secret in the path: traces keep only the origin.</summary>
    private static void RedactPath(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { } uri)
        {
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + "/REDACTED");
        }
    }
}
