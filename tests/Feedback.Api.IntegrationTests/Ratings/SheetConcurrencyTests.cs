using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed class SheetConcurrencyTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ParallelSubmissionsOfTheSameSheet_AllSucceed_WithDistinctRevisions_OneRow_AndFullHistory()
    {
        const int parallel = 10;
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var clients = Enumerable.Range(0, parallel).Select(_ => seeded.Rater).ToArray();
        using var start = new SemaphoreSlim(0);

        var tasks = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            return await client.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 1 + (i % 5)));
        }).ToArray();
        start.Release(parallel);
        var responses = await Task.WhenAll(tasks);

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var revisions = new List<int>();
        foreach (var response in responses)
        {
            revisions.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
        }

        Assert.Equal(Enumerable.Range(1, parallel), revisions.Order());
        var (sheets, history) = await seeded.StoredAsync();
        Assert.Equal(parallel, Assert.Single(sheets).Revision);
        Assert.Equal(Enumerable.Range(1, parallel - 1), history.Select(h => h.Revision));
    }

    [Fact]
    public async Task ParallelSubmissionsOfBothSheets_KeepOneRowPerDimension()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
        {
            var dimension = i % 2 == 0 ? "leadership" : "management";
            return seeded.Rater.PutAsJsonAsync(seeded.Url(dimension), SeededAssignment.FullBody(dimension, 3));
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var (sheets, history) = await seeded.StoredAsync();
        Assert.Equal(2, sheets.Count);
        Assert.All(sheets, s => Assert.Equal(3, s.Revision));
        Assert.Equal(4, history.Count);
    }

    [Fact]
    public async Task ASubmissionRacingAClose_Answers409_AndWritesNothing()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        await using var closer = new NpgsqlConnection(api.ConnectionString);
        await closer.OpenAsync();
        await using var close = await closer.BeginTransactionAsync();
        await using (var closeCycle = new NpgsqlCommand("UPDATE cycles SET status = 'Closed', closed_at = now() WHERE id = @id", closer, close))
        {
            closeCycle.Parameters.AddWithValue("id", seeded.CycleId);
            await closeCycle.ExecuteNonQueryAsync();
        }

        // The close (not committed yet) holds the sheets table: the submission waits for it, then sees the cycle closed.
        var submission = seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"));
        await LockProbe.WaitUntilBlockedAsync(api.ConnectionString, "%INSERT INTO sheets%");
        Assert.False(submission.IsCompleted);
        await close.CommitAsync();

        var problem = await (await submission).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.CycleNotOpen, problem.GetProperty("type").GetString());
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task ACloseInOneOrganization_DoesNotDelaySubmissionsInAnother_ButHoldsItsOwn()
    {
        var closing = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var elsewhere = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        await using var closer = new NpgsqlConnection(api.ConnectionString);
        await closer.OpenAsync();
        await using var close = await closer.BeginTransactionAsync();
        await using (var closeCycle = new NpgsqlCommand("UPDATE cycles SET status = 'Closed', closed_at = now() WHERE id = @id", closer, close))
        {
            closeCycle.Parameters.AddWithValue("id", closing.CycleId);
            await closeCycle.ExecuteNonQueryAsync();
        }

        // The close holds its own cycle's sheet lock until it commits; another organization's cycle is not affected
        // (with the table lock this submission waited for the close: the timeout fails the test).
        var other = await elsewhere.Rater.PutAsJsonAsync(elsewhere.Url("leadership"), SeededAssignment.FullBody("leadership"))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        var same = closing.Rater.PutAsJsonAsync(closing.Url("leadership"), SeededAssignment.FullBody("leadership"));
        await LockProbe.WaitUntilBlockedAsync(api.ConnectionString, "%INSERT INTO sheets%");
        Assert.False(same.IsCompleted);
        await close.CommitAsync();
        await (await same).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single((await elsewhere.StoredAsync()).Sheets);
        Assert.Empty((await closing.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task AFirstSubmissionAfterACloseLockedTheCycleRow_NeitherWaitsForItNorDeadlocks()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();

        // The close as the API runs it: the cycle row lock of CycleLocks first...
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        await using var close = await db.Database.BeginTransactionAsync();
        Assert.Equal(CycleStatus.Open, await CycleLocks.ForStatusChangeAsync(db, seeded.Org.Id, seeded.CycleId, CancellationToken.None));

        // ...then a first submission arrives: it takes the cycle's sheet lock (shared), and its foreign-key check locks
        // the cycle row FOR KEY SHARE. Had the close locked the row FOR UPDATE, the insert would wait here for the
        // close, and the close below for the insert's sheet lock: a deadlock. FOR NO KEY UPDATE lets the check through.
        await using var submitter = new NpgsqlConnection(api.ConnectionString);
        await submitter.OpenAsync();
        await using var submission = await submitter.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, revision, submitted_at)
            VALUES (gen_random_uuid(), @org, @cycle, @assignment, 'Leadership', @scores::jsonb, 1, now())
            """, submitter, submission))
        {
            insert.Parameters.AddWithValue("org", seeded.Org.Id);
            insert.Parameters.AddWithValue("cycle", seeded.CycleId);
            insert.Parameters.AddWithValue("assignment", seeded.AssignmentId);
            insert.Parameters.AddWithValue("scores", JsonSerializer.Serialize(RatingsSeed.Leadership.ToDictionary(k => k, _ => 3)));
            await insert.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        // The status change waits for that submission's sheet lock, and goes on once it commits.
        var closing = db.Cycles.Where(c => c.Id == seeded.CycleId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CycleStatus.Closed));
        await LockProbe.WaitUntilBlockedAsync(api.ConnectionString, "UPDATE cycles%");
        Assert.False(closing.IsCompleted);
        await submission.CommitAsync();
        Assert.Equal(1, await closing.WaitAsync(TimeSpan.FromSeconds(20)));
        await close.CommitAsync();
        Assert.Single((await seeded.StoredAsync()).Sheets);
    }
}
