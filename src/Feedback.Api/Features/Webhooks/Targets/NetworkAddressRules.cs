using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.Features.Webhooks.Targets;

/// <summary>
/// Which IP addresses a webhook may be delivered to: only globally reachable unicast ones (IANA's special-purpose
/// registries, "Globally Reachable: False", plus multicast and broadcast). Everything else is some network's inside —
/// loopback, RFC 1918, link-local with the cloud metadata service at 169.254.169.254, unique-local fc00::/7, CGNAT
/// 100.64/10 — and a webhook there would let a tenant make this service call into it (SSRF). Pure: no I/O.
/// </summary>
public static class NetworkAddressRules
{
    /// <summary>Instance metadata services (AWS, GCP, Azure, OpenStack; AWS's IPv6 one). Refused even where private
    /// networks are allowed: no webhook has a reason to go there, and they hand out cloud credentials.</summary>
    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254")];

    private static readonly (IPNetwork Network, string Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved (IETF protocol assignments)"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "a reserved (6to4 relay)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a reserved (benchmarking)"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Kind)[] V6 =
    [
        (IPNetwork.Parse("::1/128"), "a loopback"),
        (IPNetwork.Parse("::/128"), "an unspecified"),
        (IPNetwork.Parse("::/96"), "a reserved (IPv4-compatible)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a private (local-use NAT64)"),
        (IPNetwork.Parse("100::/64"), "a reserved (discard-only)"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation"),
        (IPNetwork.Parse("2001::/23"), "a reserved (IETF protocol assignments)"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local"),
        (IPNetwork.Parse("fec0::/10"), "a site-local"),
        (IPNetwork.Parse("ff00::/8"), "a multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>True for the cloud metadata addresses (also as IPv4-mapped IPv6).</summary>
    public static bool IsMetadata(IPAddress address) => MetadataAddresses.Contains(Canonical(address));

    /// <summary>
    /// Null when <paramref name="address"/> is globally reachable unicast; otherwise what it is ("a loopback",
    /// "a private (RFC 1918)", …), for an error message. IPv4 addresses inside IPv6 (mapped ::ffff:0:0/96, NAT64
    /// 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address they carry.
    /// </summary>
    public static string? NonPublicKind(IPAddress address)
    {
        address = Canonical(address);
        if (IsMetadata(address))
        {
            return "a cloud metadata";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return V4.FirstOrDefault(r => r.Network.Contains(address)).Kind;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "a non-IP";
        }

        if (EmbeddedIPv4(address) is { } inner)
        {
            return NonPublicKind(inner);
        }

        var kind = V6.FirstOrDefault(r => r.Network.Contains(address)).Kind;
        if (kind is not null)
        {
            return kind;
        }

        // Global unicast is 2000::/3; everything else is unassigned or special.
        return (address.GetAddressBytes()[0] & 0xE0) == 0x20 ? null : "a reserved IPv6";
    }

    public static bool IsPublic(IPAddress address) => NonPublicKind(address) is null;

    /// <summary>IPv4-mapped IPv6 (::ffff:a.b.c.d) as the IPv4 address; scope ids dropped.</summary>
    private static IPAddress Canonical(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes())
        : address;

    /// <summary>The IPv4 address carried by NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress v6)
    {
        var b = v6.GetAddressBytes();
        if (Nat64.Contains(v6))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }
}
