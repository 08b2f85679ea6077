using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>
/// The report queries' context: pooled without a replica (each request rents one), made per request with one (its
/// connection may move to the primary mid-request); untracked either way, also after a pooled context was reset.
/// </summary>
public sealed class ReportContextTests
{
    /// <summary>Five requests' report contexts, one after another, each checked untracked while in use.</summary>
    private static async Task<List<FeedbackReadOnlyDbContext>> RentFiveAsync(IServiceProvider services)
    {
        var contexts = new List<FeedbackReadOnlyDbContext>();
        for (var request = 0; request < 5; request++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FeedbackReadOnlyDbContext>();
            Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
            await db.Cycles.Take(1).ToListAsync(); // would be tracked if a pool's reset lost the setting
            Assert.Empty(db.ChangeTracker.Entries());
            contexts.Add(db);
        }

        return contexts;
    }

    [Collection(ApiCollection.Name)]
    public sealed class WithoutAReplica(FeedbackApiFactory api)
    {
        [Fact]
        public async Task IsPooled_AndStaysUntracked_AcrossRentals()
        {
            var rented = await RentFiveAsync(api.Services);

            // Returned to the pool and rented again (another request may take one in between, not all of them).
            Assert.True(rented.Distinct().Count() < rented.Count, "every request got a new context");
        }
    }

    public sealed class WithAReplica(UnreachableReplicaApiFactory api) : IClassFixture<UnreachableReplicaApiFactory>
    {
        [Fact]
        public async Task IsMadePerRequest_AndUntracked()
        {
            var made = await RentFiveAsync(api.Services);

            Assert.Equal(made.Count, made.Distinct().Count());
        }
    }
}
