using Feedback.Api.IntegrationTests.Scim;

namespace Feedback.Api.IntegrationTests.Security;

[Collection(ApiCollection.Name)]
public sealed class ScimLocationTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task LocationAndMetaLocation_ComeFromThePublicBaseUrl_NotFromAHostHeaderTheCallerSent()
    {
        var org = await api.CreateOrganizationAsync();
        var scim = await org.ClientWithScopesAsync("people:write");
        scim.DefaultRequestHeaders.Host = "evil.example";

        var created = await scim.PostUserAsync(ScimApi.NewUser("host-header-test"));

        var user = await created.AssertScimAsync(HttpStatusCode.Created);
        var id = user.GetProperty("id").GetString();
        Assert.Equal($"http://localhost:8080/scim/v2/Users/{id}", created.Headers.Location?.ToString());
        Assert.Equal($"http://localhost:8080/scim/v2/Users/{id}", user.GetProperty("meta").GetProperty("location").GetString());
        var discovery = await scim.GetStringAsync("/scim/v2/ServiceProviderConfig");
        Assert.DoesNotContain("evil.example", discovery);
        Assert.Contains("http://localhost:8080/scim/v2/ServiceProviderConfig", discovery);
    }
}
