using System.Net;
using Feedback.Api.Features.Webhooks;
using Feedback.Api.Features.Webhooks.Targets;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Tests.Webhooks;

public sealed class NetworkAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "RFC 1918")]
    [InlineData("172.16.0.1", "RFC 1918")]
    [InlineData("172.31.255.255", "RFC 1918")]
    [InlineData("192.168.255.1", "RFC 1918")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fdff:ffff::1", "unique-local")]
    [InlineData("100.64.0.0", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.255.255.255", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.9.8.7", "RFC 1918")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("64:ff9b::7f00:1", "loopback")] // NAT64 of 127.0.0.1
    [InlineData("2002:c0a8:0101::1", "RFC 1918")] // 6to4 of 192.168.1.1
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("192.0.0.8", "reserved")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("4000::1", "reserved")]
    public void NonPublicAddresses_AreNamedByTheirClass(string address, string kind)
    {
        var found = NetworkAddressRules.NonPublicKind(IPAddress.Parse(address));
        Assert.NotNull(found);
        Assert.Contains(kind, found);
        Assert.False(NetworkAddressRules.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")] // just below CGNAT
    [InlineData("100.128.0.0")] // just above it
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void GloballyReachableUnicast_IsPublic(string address) =>
        Assert.True(NetworkAddressRules.IsPublic(IPAddress.Parse(address)), address);

    [Fact]
    public void AllowingPrivateNetworks_StillRefusesTheMetadataService()
    {
        var policy = new WebhookTargetPolicy(Options.Create(new WebhookOptions { AllowPrivateNetworks = true }), new DnsWebhookHostResolver());
        Assert.True(policy.Allows(IPAddress.Loopback));
        Assert.True(policy.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(policy.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.False(policy.Allows(IPAddress.Parse("::ffff:169.254.169.254")));
        Assert.False(policy.Allows(IPAddress.Parse("fd00:ec2::254")));
    }

    [Fact]
    public async Task AllowingPrivateNetworks_StillRefusesMetadataHostNames()
    {
        var policy = new WebhookTargetPolicy(Options.Create(new WebhookOptions { AllowPrivateNetworks = true }), new DnsWebhookHostResolver());
        Assert.NotNull(await policy.ProblemAsync(new Uri("https://metadata.google.internal/computeMetadata/v1/"), CancellationToken.None));
        Assert.NotNull(await policy.ProblemAsync(new Uri("https://169.254.169.254/latest/"), CancellationToken.None));
        Assert.Null(await policy.ProblemAsync(new Uri("https://localhost:5001/hook"), CancellationToken.None));
    }
}
