using Feedback.Api.Features.Webhooks.Dispatch;

namespace Feedback.Api.Features.Webhooks;

public static class WebhooksServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Deliver to the subscribed URL only: a redirect is an answer (3xx), not a new destination.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The default handlers log request URLs, which may carry a receiver's own token.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
