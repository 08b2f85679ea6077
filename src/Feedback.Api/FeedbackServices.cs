using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Common;
using Feedback.Api.Common.Audit;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Http;
using Feedback.Api.Common.Idempotency;
using Feedback.Api.Common.Mediation;
using Feedback.Api.Common.OpenApi;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Data;
using Feedback.Api.Data.ReadReplica;
using Feedback.Api.Features.Assignments;
using Feedback.Api.Features.Cycles;
using Feedback.Api.Features.Outcomes;
using Feedback.Api.Features.Ratings;
using Feedback.Api.Features.Scim;
using Feedback.Api.Features.Webhooks;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api;

public static class FeedbackServices
{
    /// <summary>Default request body limit; endpoints that take more (imports) or less (sheets) say so.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialCache>();
        services.AddSingleton<Features.Ratings.CycleDefinitions>();
        services.AddSingleton<CredentialRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<CredentialRevocationListener>());
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<AuditLog>();
        services.AddSecretsAtRest(configuration);
        services.AddForwardedHeadersFromSettings(configuration);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<AssignmentOptions>(configuration.GetSection(AssignmentOptions.Section));
        services.Configure<SheetRevisionOptions>(configuration.GetSection(SheetRevisionOptions.Section));

        // Pooled: a request rents a context whose options and EF services are built once, instead of building them
        // (connection string parsed, EF's service scope set up) for every request, auth included: a fifth of a sheet
        // submission's CPU in the API, profiled. Nothing keeps state on the context between requests (EF resets it).
        services.AddDbContextPool<FeedbackDbContext>((sp, o) => o
            .UseNpgsql(DatabaseConnections.WithServiceDefaults(sp.GetRequiredService<IConfiguration>().GetConnectionString("Feedback")))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(PreparedStatements.For(sp)));
        services.AddReadReplica(configuration);
        services.AddFeedbackTelemetry(configuration);
        services.AddScoped<OrganizationProvisioner>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<Features.Reports.RecomputeStaleReports>(); // after the migrations, before listening
        services.AddHostedService<IdempotencyCleanup>();
        services.AddHostedService<SheetRevisionCleanup>();
        services.AddScoped<WebhookSecretEncryption>();
        services.AddWebhooks(configuration);
        services.AddOutcomes(configuration);
        services.AddScoped<Features.Reports.ReportMaterializer>();
        services.AddScoped<ICycleClosedHandler, Features.Reports.MaterializeReportsOnClose>();
        services.AddScoped<ICycleClosedHandler, PurgeSheetRevisionsOnClose>();

        services.AddMediator((Mediator.MediatorOptions o) =>
        {
            // Scoped: handlers take the request's DbContext.
            o.ServiceLifetime = ServiceLifetime.Scoped;
            // Metrics count what passed validation; the replica fallback re-runs only the handler.
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(MetricsBehavior<,>), typeof(ReplicaFallbackBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Numbers must be JSON numbers ("4" is not 4), and the OpenAPI document then says "integer", not "integer | string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // Strict bodies: an unknown field is a 400 naming it (StrictJson), never silently ignored. SCIM opts out.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = DefaultMaxRequestBodyBytes);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Responses the framework writes itself (unmatched route, wrong method or content type) get our types too.
            var (type, detail) = c.ProblemDetails.Status switch
            {
                404 => (ProblemTypes.NotFound, "No resource at this address (or it belongs to another organization)."),
                405 => (ProblemTypes.MethodNotAllowed, "This address does not accept this HTTP method."),
                415 => (ProblemTypes.UnsupportedMediaType, "Send the body as application/json (or text/csv where the operation says so)."),
                _ => (c.ProblemDetails.Type, c.ProblemDetails.Title),
            };
            if (c.ProblemDetails.Type?.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal) != false)
            {
                c.ProblemDetails.Type = type;
            }

            c.ProblemDetails.Detail ??= detail;
        });
        // Writers are asked in registration order: SCIM's (AddScim puts it first), then problem+json for everything else,
        // before the framework's writer, which declines when Accept names no JSON type.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        services.AddScim();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        // Authorization by default: an endpoint without its own rule needs a valid token. Anonymous access is explicit
        // (AllowAnonymous): health, the OpenAPI document, Swagger UI (middleware before authorization), SCIM discovery,
        // the rater page.
        services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenScopeResultHandler>();
        services.AddFeedbackRateLimits(configuration);

        services.AddHealthChecks().AddDbContextCheck<FeedbackDbContext>("database", tags: ["ready"]);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddDocumentTransformer<ServersAndTagsTransformer>();
            o.AddOperationTransformer<IdempotencyKeyHeaderTransformer>();
            o.AddOperationTransformer<StandardResponsesTransformer>();
            o.AddOperationTransformer<ParameterDescriptionsTransformer>();
            o.AddOperationTransformer<OperationExamplesTransformer>();
            o.AddSchemaTransformer<EnumAsStringSchemaTransformer>();
            o.AddSchemaTransformer<OptionalMembersSchemaTransformer>();
            o.AddSchemaTransformer<ProblemDetailsSchemaTransformer>();
        });
        return services;
    }
}
