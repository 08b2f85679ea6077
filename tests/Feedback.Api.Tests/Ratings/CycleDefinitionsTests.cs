using Feedback.Api.Domain;
using Feedback.Api.Features.Ratings;

namespace Feedback.Api.Tests.Ratings;

public sealed class CycleDefinitionsTests
{
    private static readonly CycleDefinition Definition = new(new Dictionary<string, Dimension> { ["empathy"] = Dimension.Leadership }, 1, 5);

    [Fact]
    public void HoldsAtMostItsCapacity_HoweverManyCyclesItSees()
    {
        using var cache = new CycleDefinitions(capacity: 8);
        for (var i = 0; i < 1000; i++)
        {
            cache.Remember(new CycleDefinitions.Key(Guid.NewGuid(), Guid.NewGuid()), Definition);
            Assert.InRange(cache.Count, 0, 8);
        }
    }

    [Fact]
    public async Task ACachedCycle_IsAnsweredWithoutTheDatabase_AndOnlyForItsOrganization()
    {
        using var cache = new CycleDefinitions();
        var (organization, cycle) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(new CycleDefinitions.Key(organization, cycle), Definition);

        // No DbContext at all: a hit must not touch it.
        Assert.Same(Definition, await cache.GetAsync(null!, organization, cycle, CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(async () => await cache.GetAsync(null!, Guid.NewGuid(), cycle, CancellationToken.None));
    }
}
