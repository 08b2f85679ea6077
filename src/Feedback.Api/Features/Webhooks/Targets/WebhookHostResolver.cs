using System.Net;

namespace Feedback.Api.Features.Webhooks.Targets;

/// <summary>Resolves a webhook host name to its addresses (a seam: tests answer with addresses of their choice).</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>The system resolver.</summary>
public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
