using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Common.Idempotency;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Features.ApiKeys;
using Feedback.Api.Features.People;
using Feedback.Api.Features.Assignments;
using Feedback.Api.Features.Behaviors;
using Feedback.Api.Features.Cycles;
using Feedback.Api.Features.Insight;
using Feedback.Api.Features.Outcomes;
using Feedback.Api.Features.Ratings;
using Feedback.Api.Features.RaterPage;
using Feedback.Api.Features.Scim;
using Feedback.Api.Features.Webhooks;
using Feedback.Api.Features.Reports;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Feedback.Api;

public static class FeedbackEndpoints
{
    public static WebApplication MapFeedback(this WebApplication app)
    {
        // The client's address and scheme, from trusted proxies only (none unless configured).
        app.UseConfiguredForwardedHeaders(app.Configuration);
        app.UseMetricsPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only on HTTPS requests
        }

        app.UseRouting();
        app.UseRequestBodyLimit(FeedbackServices.DefaultMaxRequestBodyBytes);
        if (app.Services.GetRequiredService<IOptions<FeedbackOptions>>().Value.SwaggerUi)
        {
            // Static files before authorization: the page is public, the calls made from it carry the key.
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Feedback API v1");
                o.RoutePrefix = "swagger";
                o.DocumentTitle = "Feedback API";
                if (app.Environment.IsDevelopment())
                {
                    // Keeps the pasted key in the browser's localStorage across reloads: convenient on a developer's
                    // machine, a stored admin key anywhere else.
                    o.EnablePersistAuthorization();
                }
            });
        }

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapFeedbackMetrics();

        app.MapApiKeys();
        app.MapPeople();
        app.MapBehaviors();
        app.MapCycles();
        app.MapAssignments();
        app.MapRatings();
        app.MapScim();
        app.MapWebhooks();
        app.MapOutcomes();
        app.MapReports();
        app.MapInsight();
        app.MapRaterPage();
        return app;
    }
}
