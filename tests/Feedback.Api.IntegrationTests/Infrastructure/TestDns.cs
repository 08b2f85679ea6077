using System.Collections.Concurrent;
using System.Net;
using Feedback.Api.Features.Webhooks.Targets;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The webhook host resolver of the tests: names under <c>example.com</c> resolve to a public address (the test machine
/// has no DNS for them, and no webhook test ever connects there), names a test registered resolve to what it said
/// (also differently at creation and at connection, for DNS rebinding), anything else to what the system resolver says.
/// </summary>
public sealed class TestDns : IWebhookHostResolver
{
    public static readonly TestDns Instance = new();

    /// <summary>A globally reachable address that the tests never connect to.</summary>
    public static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");

    private readonly ConcurrentDictionary<string, Func<IPAddress[]>> names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes <paramref name="host"/> resolve to the addresses <paramref name="answer"/> returns, each time it is asked.</summary>
    public void Register(string host, Func<IPAddress[]> answer) => names[host] = answer;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (names.TryGetValue(host, out var answer))
        {
            return Task.FromResult(answer());
        }

        return host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase) || host.Equals("example.com", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { PublicAddress })
            : Dns.GetHostAddressesAsync(host, ct);
    }
}
