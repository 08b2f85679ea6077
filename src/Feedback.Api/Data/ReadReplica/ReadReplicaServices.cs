using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data.ReadReplica;

public static class ReadReplicaServices
{
    /// <summary>
    /// The report reads' context. Without a replica it is pooled, like the primary's: a request rents one instead of
    /// building EF's services for a new context (a fifth of a person report's CPU in the API, profiled). With a replica it
    /// is made per request, because its connection may move to the primary in the middle of one (the fallback), and that
    /// must not outlive the request.
    /// </summary>
    public static IServiceCollection AddReadReplica(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReplicaReads>();
        services.AddSingleton<ReplicaFallbackInterceptor>();
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(ReplicaReads.ReplicaConnectionName)))
        {
            services.AddDbContextPool<FeedbackReadOnlyDbContext>((sp, o) => Configure(o, sp));
            return services;
        }

        services.AddDbContext<FeedbackReadOnlyDbContext>((sp, o) => Configure(o, sp)
                .AddInterceptors(sp.GetRequiredService<ReplicaFallbackInterceptor>()),
            // The options are the same for every request: built once (a context still comes per request).
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    // No tracking in the options, not set by the constructor: a pooled context is reset to its options when returned.
    private static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, IServiceProvider services) => options
        .UseNpgsql(services.GetRequiredService<ReplicaReads>().Initial)
        .UseSnakeCaseNamingConvention()
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
        .AddInterceptors(PreparedStatements.For(services));
}
