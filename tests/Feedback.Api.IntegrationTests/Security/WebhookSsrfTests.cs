using System.Net;
using Feedback.Api.Data;
using Feedback.Api.IntegrationTests.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>Creating a webhook: its URL must be https on a public address, by literal and by what its name resolves to.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookSsrfCreateTests(FeedbackApiFactory api)
{
    static WebhookSsrfCreateTests()
    {
        TestDns.Instance.Register("loopback.attacker.test", () => [IPAddress.Loopback]);
        TestDns.Instance.Register("private.attacker.test", () => [IPAddress.Parse("10.1.2.3")]);
        TestDns.Instance.Register("metadata.attacker.test", () => [IPAddress.Parse("169.254.169.254")]);
        TestDns.Instance.Register("mixed.attacker.test", () => [TestDns.PublicAddress, IPAddress.Parse("192.168.0.10")]);
        TestDns.Instance.Register("v6-loopback.attacker.test", () => [IPAddress.IPv6Loopback]);
        TestDns.Instance.Register("mapped.attacker.test", () => [IPAddress.Parse("::ffff:127.0.0.1")]);
        TestDns.Instance.Register("nowhere.attacker.test", () => []);
    }

    [Theory]
    // loopback
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10:8443/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://2130706433/hook")] // 127.0.0.1 written as one number
    [InlineData("https://0x7f.0.0.1/hook")] // and in hex
    // RFC 1918
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.3.4/hook")]
    [InlineData("https://172.31.255.255/hook")]
    [InlineData("https://192.168.1.1/hook")]
    // link-local, and the cloud metadata services
    [InlineData("https://169.254.10.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    // unique-local fc00::/7
    [InlineData("https://[fc00::1]/hook")]
    [InlineData("https://[fd12:3456:789a::1]/hook")]
    // CGNAT 100.64/10
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://100.127.255.254/hook")]
    // 0.0.0.0/8
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://0.1.2.3/hook")]
    // IPv4-mapped IPv6 and NAT64 around private addresses
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    // multicast and broadcast
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://239.255.255.250/hook")]
    [InlineData("https://[ff02::1]/hook")]
    [InlineData("https://255.255.255.255/hook")]
    // names that resolve to any of those
    [InlineData("https://loopback.attacker.test/hook")]
    [InlineData("https://private.attacker.test/hook")]
    [InlineData("https://metadata.attacker.test/hook")]
    [InlineData("https://mixed.attacker.test/hook")]
    [InlineData("https://v6-loopback.attacker.test/hook")]
    [InlineData("https://mapped.attacker.test/hook")]
    // a name that resolves to nothing, and plain http to a public name
    [InlineData("https://nowhere.attacker.test/hook")]
    [InlineData("http://hooks.example.com/hook")]
    public async Task Create_Returns400_ForATargetThatIsNotHttpsOnAPublicAddress(string url)
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "cycle.opened" } });

        var problem = await response.AssertValidationProblemAsync("url");
        Assert.DoesNotContain("Exception", problem.ToString());
        var list = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/webhooks");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("https://hooks.example.com/feedback")]
    [InlineData("https://93.184.215.14/feedback")]
    [InlineData("https://[2606:4700:4700::1111]/feedback")]
    public async Task Create_Returns201_ForHttpsOnAPublicAddress(string url)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "cycle.opened" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>An instance that delivers webhooks over plain http (the test receiver) but refuses private networks, as
/// production does. Only for the tests below: no other dispatcher runs meanwhile.</summary>
public sealed class GuardedDispatcherFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Webhooks:DispatcherEnabled", "true");
        builder.UseSetting("Feedback:Webhooks:PollInterval", "00:00:00.1");
        builder.UseSetting("Feedback:Webhooks:RetryBaseDelay", "00:00:00.1");
        builder.UseSetting("Feedback:Webhooks:MaxAttempts", "2");
        builder.UseSetting("Feedback:Webhooks:AllowInsecureHttp", "true");
        builder.UseSetting("Feedback:Webhooks:AllowPrivateNetworks", "false");
    }
}

/// <summary>Every connection the dispatcher opens is checked again, on the address it connects to.</summary>
[Collection(WebhookRestartCollection.Name)]
public sealed class WebhookSsrfDeliveryTests
{
    [Fact]
    public async Task ANameThatResolvedPubliclyAtCreation_AndTo127001AtDelivery_IsNeverConnectedTo_AndTheLogSaysOnlyRefused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        var host = $"rebind-{Guid.NewGuid():N}.attacker.test";
        var lookups = 0;
        // DNS rebinding: a public answer while the webhook is checked, the loopback receiver afterwards.
        TestDns.Instance.Register(host, () => Interlocked.Increment(ref lookups) == 1 ? [TestDns.PublicAddress] : [IPAddress.Loopback]);

        await using var api = new GuardedDispatcherFactory();
        await api.InitializeAsync();
        var org = await api.CreateOrganizationAsync();
        var webhook = await org.SubscribeAsync($"http://{host}:{port}/rebound", "cycle.opened");
        var cycleId = await org.CreateCycleAsync();
        await org.TransitionAsync(cycleId, "open");

        var attempts = await org.WaitForAttemptsAsync(webhook.GetProperty("id").GetGuid(), 2);

        Assert.True(lookups >= 2, "the dispatcher resolved the name itself");
        Assert.Empty(receiver.Received);
        Assert.All(attempts, a =>
        {
            Assert.Equal(JsonValueKind.Null, a.GetProperty("statusCode").ValueKind);
            var error = a.GetProperty("error").GetString()!;
            Assert.Equal("The host resolves to an address webhooks may not go to (a private or reserved network).", error);
            Assert.DoesNotContain("127.0.0.1", error);
            Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
        });
    }

    [Fact]
    public async Task AWebhookToAPrivateAddressStoredBeforeTheGuard_IsNotDeliveredEither()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = new GuardedDispatcherFactory();
        await api.InitializeAsync();
        var org = await api.CreateOrganizationAsync();
        var webhook = await org.SubscribeAsync("https://hooks.example.com/placeholder", "cycle.opened");
        var id = webhook.GetProperty("id").GetGuid();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            // As an older version, without the check at creation, would have stored it.
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Url, $"{receiver.BaseUrl}/old"));
        }

        var cycleId = await org.CreateCycleAsync();
        await org.TransitionAsync(cycleId, "open");

        var attempts = await org.WaitForAttemptsAsync(id, 2);
        Assert.Empty(receiver.Received);
        Assert.All(attempts, a => Assert.Equal(
            "The host resolves to an address webhooks may not go to (a private or reserved network).", a.GetProperty("error").GetString()));
    }
}
