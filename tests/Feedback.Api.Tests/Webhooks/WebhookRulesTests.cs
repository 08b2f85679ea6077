using Microsoft.Extensions.Configuration;
using Feedback.Api.Features.Webhooks;

namespace Feedback.Api.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    [Fact]
    public void Signature_MatchesTheReadmeOpensslRecipe()
    {
        // printf '%s.%s.' "$ID" "$TS" | cat - body.json | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
        var signature = WebhookSignature.Sign("whsec_test-secret", "01937c3e-0000-7000-8000-000000000001", 1700000000,
            """{"id":"e1","type":"cycle.opened"}""");
        Assert.Equal("v1=UK6sH+jeNT7d3DLV7RybSFSKs2E68FYXK13OqCO0VMw=", signature);
    }

    [Fact]
    public void Secrets_AreLongUniqueAndPrefixed()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSignature.NewSecret()).ToList();
        Assert.All(secrets, s => Assert.StartsWith("whsec_", s));
        Assert.All(secrets, s => Assert.Equal(6 + 43, s.Length));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(5, 160)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(60, 3600)]
    public void RetryDelay_DoublesFromTheBase_UpToTheCap(int failedAttempts, int seconds)
    {
        var options = new WebhookOptions();
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelay(failedAttempts));
    }

    [Theory]
    [InlineData("https://hr.example.com/hooks?x=1", true)]
    [InlineData("http://127.0.0.1:8080/h", true)]
    [InlineData("/relative", false)]
    [InlineData("ftp://hr.example.com", false)]
    [InlineData("https://u:p@hr.example.com", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData(null, false)]
    public void Url_MustBeAbsoluteHttpWithoutUserInfo(string? url, bool valid) =>
        Assert.Equal(valid, CreateWebhookValidator.IsHttpUrl(url));
}

public sealed class WebhookOptionsTests
{
    [Theory]
    [InlineData("PollInterval", "00:00:00", "PollInterval")]
    [InlineData("RetryBaseDelay", "-00:00:01", "RetryBaseDelay")]
    [InlineData("Timeout", "01:00:00", "Timeout")]
    [InlineData("MaxAttempts", "0", "MaxAttempts")]
    [InlineData("PollInterval", "soon", "Feedback__Webhooks")]
    public void ABadSetting_IsOneProblemLineNamingIt(string key, string value, string named)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Feedback:Webhooks:{key}"] = value })
            .Build();
        var problem = Assert.Single(WebhookOptions.Problems(configuration));
        Assert.Contains(named, problem);
    }

    [Fact]
    public void TheDefaults_AreFine() =>
        Assert.Empty(WebhookOptions.Problems(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
}
