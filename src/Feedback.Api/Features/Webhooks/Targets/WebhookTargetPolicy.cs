using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks.Targets;

/// <summary>
/// Where webhooks may go. Checked twice: when a webhook is created (400, with the reason), and on every connection the
/// dispatcher opens (<see cref="GuardedConnection"/>), against the address it is about to connect to, so a name that
/// resolved to a public address at creation and to 127.0.0.1 later (DNS rebinding) still gets nowhere.
/// </summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IWebhookHostResolver resolver)
{
    /// <summary>Names of cloud metadata services (refused whatever DNS says; their addresses are refused too).</summary>
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata.goog"];

    private WebhookOptions Settings => options.Value;

    /// <summary>Whether the dispatcher may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address) =>
        !NetworkAddressRules.IsMetadata(address) && (Settings.AllowPrivateNetworks || NetworkAddressRules.IsPublic(address));

    public bool AllowsScheme(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (Settings.AllowInsecureHttp && url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Null when a webhook may be created for <paramref name="url"/> (already a well-formed http(s) URL);
    /// otherwise why not, for the 400.</summary>
    public async Task<string?> ProblemAsync(Uri url, CancellationToken ct)
    {
        if (!AllowsScheme(url))
        {
            return "Use an https URL (plain http is refused unless the service runs with Feedback__Webhooks__AllowInsecureHttp=true).";
        }

        var host = url.IdnHost.Trim('[', ']').TrimEnd('.');
        if (MetadataHosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{host}' is a cloud metadata service; webhooks cannot go there.";
        }

        if (!Settings.AllowPrivateNetworks
            && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{host}' is this machine; webhooks go to public addresses only (private networks need "
                + "Feedback__Webhooks__AllowPrivateNetworks=true).";
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (Settings.AllowPrivateNetworks)
        {
            return null; // nothing to refuse by address; the connection is still checked for metadata addresses
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException)
            {
                addresses = [];
            }

            if (addresses.Length == 0)
            {
                return $"The host '{host}' does not resolve; give a URL the service can reach.";
            }
        }

        var refused = addresses.FirstOrDefault(a => !Allows(a));
        return refused is null
            ? null
            : $"'{host}' is or resolves to {NetworkAddressRules.NonPublicKind(refused) ?? "a private"} address; webhooks go to public "
                + "addresses only (private networks need Feedback__Webhooks__AllowPrivateNetworks=true).";
    }
}

/// <summary>Thrown inside a connection attempt to a refused address; the delivery log says only that it was refused.</summary>
public sealed class WebhookTargetRefusedException() : Exception("The webhook's host resolves to an address that is not allowed.");
