using Feedback.Api.Common.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Feedback.Api.Tests.Common;

public sealed class MetricsSettingsTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("65536", true)]
    [InlineData("nine", true)]
    [InlineData("9464", false)]
    public void TheMetricsPort_MustBeATcpPort(string port, bool refused)
    {
        var problems = MetricsOptions.Problems(Configuration(("Feedback:Metrics:Port", port)));
        Assert.Equal(refused, problems.Any(p => p.StartsWith("Feedback__Metrics", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080;http://127.0.0.1:9464")]
    [InlineData("http://+:8080", "http://+:8080;http://+:9464")]
    [InlineData("http://localhost:5000;https://localhost:5001", "http://localhost:5000;https://localhost:5001;http://localhost:9464")]
    public void TheMetricsPort_IsListenedOnBesideTheApisUrls_OnTheFirstOnesAddress(string urls, string expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting("urls", urls);
        builder.Configuration["urls"] = urls;
        builder.WebHost.ListenOnMetricsPort(Configuration(("urls", urls), ("Feedback:Metrics:Enabled", "true"), ("Feedback:Metrics:Port", "9464")));
        Assert.Equal(expected, builder.WebHost.GetSetting("urls"));
    }

    [Fact]
    public void WithoutMetricsEnabled_NoPortIsAdded()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:8080");
        builder.WebHost.ListenOnMetricsPort(Configuration(("urls", "http://127.0.0.1:8080"), ("Feedback:Metrics:Port", "9464")));
        Assert.Equal("http://127.0.0.1:8080", builder.WebHost.GetSetting("urls"));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
