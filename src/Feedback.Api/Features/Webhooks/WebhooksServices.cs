using Feedback.Api.Features.Webhooks.Dispatch;
using Feedback.Api.Features.Webhooks.Targets;

namespace Feedback.Api.Features.Webhooks;

public static class WebhooksServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // the sender times each attempt
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Deliver to the subscribed URL only: a redirect is an answer (3xx), not a new destination.
                AllowAutoRedirect = false,
                UseCookies = false,
                // A proxy would make the connection for us, to wherever it is told: the address check must see the target.
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = GuardedConnection.Callback(
                    provider.GetRequiredService<WebhookTargetPolicy>(), provider.GetRequiredService<IWebhookHostResolver>()),
            })
            // The default handlers log request URLs, which may carry a receiver's own token.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
