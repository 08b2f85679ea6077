using Feedback.Api.Data;
using Feedback.Api.Features.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Security;

[Collection(ApiCollection.Name)]
public sealed class SheetRevisionPurgeTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ClosingACycle_DeletesItsReplacedSheets_AndKeepsTheFrozenOnes()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var other = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        foreach (var s in new[] { seeded, other })
        {
            for (var score = 1; score <= 3; score++)
            {
                Assert.Equal(HttpStatusCode.OK, (await s.Rater.PutAsJsonAsync(s.Url("leadership"), SeededAssignment.FullBody("leadership", score, $"take {score}"))).StatusCode);
            }
        }

        Assert.Equal(2, (await seeded.StoredAsync()).History.Count);

        await org.TransitionAsync(seeded.CycleId, "close");

        var (sheets, history) = await seeded.StoredAsync();
        Assert.Empty(history);
        Assert.Equal(3, Assert.Single(sheets).Revision);
        Assert.Equal(2, (await other.StoredAsync()).History.Count); // another cycle, still open: untouched
    }

    [Fact]
    public async Task ReplacedSheetsPastTheRetention_AreDeleted_InCyclesStillOpen()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        for (var score = 1; score <= 3; score++)
        {
            await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", score));
        }

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var revisions = db.SheetRevisions.Where(r => r.AssignmentId == seeded.AssignmentId);
        var oldest = await revisions.MinAsync(r => r.Revision);
        await revisions.Where(r => r.Revision == oldest).ExecuteUpdateAsync(u => u.SetProperty(r => r.ReplacedAt, DateTimeOffset.UtcNow.AddDays(-40)));

        await SheetRevisionCleanup.DeleteReplacedBeforeAsync(db, DateTimeOffset.UtcNow - new SheetRevisionOptions().Retention, CancellationToken.None);

        Assert.Equal([oldest + 1], await revisions.Select(r => r.Revision).ToListAsync());
    }
}
