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
    [Collection(ApiCollection.Name)]
    public sealed class WithoutAReplica(FeedbackApiFactory api)
    {
        [Fact]
        public async Task IsPooled_AndStaysUntracked_AcrossRentals()
        {
            var rented = new List<FeedbackReadOnlyDbContext>();
            for (var rental = 0; rental < 5; rental++)
            {
                await using var scope = api.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FeedbackReadOnlyDbContext>();
                Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
                await db.Cycles.Take(1).ToListAsync(); // would be tracked if the pool's reset lost the setting
                Assert.Empty(db.ChangeTracker.Entries());
                rented.Add(db);
            }

            // Returned to the pool and rented again (another request may take one in between, not all of them).
            Assert.True(rented.Distinct().Count() < rented.Count, "every scope got a new context");
        }
    }

    public sealed class WithAReplica(UnreachableReplicaApiFactory api) : IClassFixture<UnreachableReplicaApiFactory>
    {
        [Fact]
        public async Task IsMadePerRequest_AndUntracked()
        {
            var made = new List<FeedbackReadOnlyDbContext>();
            for (var request = 0; request < 5; request++)
            {
                await using var scope = api.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FeedbackReadOnlyDbContext>();
                Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
                made.Add(db);
            }

            Assert.Equal(made.Count, made.Distinct().Count());
        }
    }
}
