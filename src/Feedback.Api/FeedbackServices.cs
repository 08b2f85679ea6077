using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Mediation;
using Feedback.Api.Common.OpenApi;
using Feedback.Api.Data;
using Feedback.Api.Features.Cycles;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
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

        services.AddDbContext<FeedbackDbContext>(o => o
            .UseNpgsql(configuration.GetConnectionString("Feedback"))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<OrganizationProvisioner>();
        services.AddHostedService<DatabaseStartup>();
        services.AddScoped<Features.Reports.ReportMaterializer>();
        services.AddScoped<ICycleClosedHandler, Features.Reports.MaterializeReportsOnClose>();

        services.AddMediator((Mediator.MediatorOptions o) =>
        {
            // Scoped: handlers take the request's DbContext.
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = DefaultMaxRequestBodyBytes);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                404 => "No resource at this address (or it belongs to another organization).",
                405 => "This address does not accept this HTTP method.",
                415 => "Send the body as application/json (or text/csv where the operation says so).",
                _ => c.ProblemDetails.Title,
            });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.AddHealthChecks().AddDbContextCheck<FeedbackDbContext>("database", tags: ["ready"]);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<SecurityRequirementTransformer>();
            o.AddSchemaTransformer<EnumAsStringSchemaTransformer>();
        });
        return services;
    }
}
