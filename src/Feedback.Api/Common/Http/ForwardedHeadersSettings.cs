using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Feedback.Api.Common.Http;

/// <summary>
/// The <c>Feedback:ForwardedHeaders</c> section: the reverse proxies (load balancers, ingress) whose
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> the service believes. Nothing is trusted by default — not even
/// loopback, which ASP.NET Core trusts unless told otherwise — so a client can never pick its own address (and dodge
/// the failed-authentication limit, or get someone else blocked) by sending the header itself.
/// </summary>
public static class ForwardedHeadersSettings
{
    public const string Section = "Feedback:ForwardedHeaders";

    /// <summary>Proxy addresses (<c>KnownProxies</c>) and networks in CIDR form (<c>KnownNetworks</c>): a comma-separated
    /// string, or indexed keys (<c>…__KnownProxies__0</c>).</summary>
    public static (IReadOnlyList<string> Proxies, IReadOnlyList<string> Networks) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return (List(section.GetSection("KnownProxies")), List(section.GetSection("KnownNetworks")));
    }

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var (proxies, networks) = Read(configuration);
        foreach (var proxy in proxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"Feedback__ForwardedHeaders__KnownProxies: '{proxy}' is not an IP address.";
        }

        foreach (var network in networks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"Feedback__ForwardedHeaders__KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8).";
        }
    }

    public static IServiceCollection AddForwardedHeadersFromSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Read(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // Walk back through every trusted hop (a chain of known proxies), stopping at the first address not listed.
            o.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Applies the forwarded headers only when some proxy is configured.</summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var (proxies, networks) = Read(configuration);
        return proxies.Count + networks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    private static List<string> List(IConfigurationSection section) =>
        (section.Value is { } joined ? joined.Split([',', ';', ' ']) : section.GetChildren().Select(c => c.Value ?? ""))
            .Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
}
