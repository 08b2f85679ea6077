using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// The service as an outside reviewer gets it: its organization and admin key come from the documented bootstrap
/// settings (API.md, Configuration), not from test helpers, and every call after that is HTTP. Rate limits are off
/// (a documented setting) because the check sends thousands of requests with one admin key.
/// </summary>
public sealed class OutsideCheckApiFactory : FeedbackApiFactory
{
    public string AdminKey { get; } = $"fbk_outside_check_{Guid.NewGuid():N}";

    public string OrganizationName { get; } = $"outside-check-{Guid.NewGuid():N}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Bootstrap:AdminApiKey", AdminKey);
        builder.UseSetting("Feedback:Bootstrap:OrganizationName", OrganizationName);
        builder.UseSetting("Feedback:RateLimits:Enabled", "false");
    }
}
