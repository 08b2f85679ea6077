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
        app.UseMetricsPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestBodyLimit(FeedbackServices.DefaultMaxRequestBodyBytes);
        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

        app.MapFeedbackMetrics();
        app.MapOpenApi();
        if (app.Services.GetRequiredService<IOptions<FeedbackOptions>>().Value.SwaggerUi)
        {
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Feedback API v1");
                o.RoutePrefix = "swagger";
                o.DocumentTitle = "Feedback API";
                o.EnablePersistAuthorization();
            });
        }

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
