using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data.ReadReplica;

public static class ReadReplicaServices
{
    /// <summary>The report reads' context, on the replica when one is configured, with the fallback to the primary.</summary>
    public static IServiceCollection AddReadReplica(this IServiceCollection services)
    {
        services.AddSingleton<ReplicaReads>();
        services.AddSingleton<ReplicaFallbackInterceptor>();
        services.AddDbContext<FeedbackReadOnlyDbContext>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<ReplicaReads>().Initial)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<ReplicaFallbackInterceptor>(), PreparedStatements.Interceptor),
            // The options are the same for every request: built once (a context still comes per request).
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }
}
