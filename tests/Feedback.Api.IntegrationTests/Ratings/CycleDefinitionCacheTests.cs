using Feedback.Api.Common.Auth;
using Feedback.Api.Features.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Ratings;

/// <summary>The per-instance cache of cycle definitions (behaviors and scale) that spares submissions a round trip.</summary>
[Collection(ApiCollection.Name)]
public sealed class CycleDefinitionCacheTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ACycleCachedForItsOrganization_IsStill404ForAnother()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"))).StatusCode);
        var cache = api.Services.GetRequiredService<CycleDefinitions>();
        Assert.True(cache.Count > 0);

        var intruder = await (await api.CreateOrganizationAsync()).ClientWithScopesAsync(Scopes.RatingsWrite);
        var response = await intruder.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await seeded.StoredAsync()).Sheets.Single().Revision);
    }

    [Fact]
    public async Task TheCachedDefinition_StillNamesEveryBadKey()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management"))).StatusCode);

        // Served from the cache now: an unknown key, a key of the other dimension, a missing key and one out of scale.
        var body = new Dictionary<string, object?>
        {
            ["scores"] = new Dictionary<string, object?>
            {
                ["organizing-projects"] = 6, ["managing-resources"] = 2, ["empathy"] = 3, ["nope"] = 1,
            },
        };
        var problem = await (await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(["scores.directing-workflows", "scores.empathy", "scores.nope", "scores.organizing-projects"], errors);
    }
}
