using Feedback.Api.Common;
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
}
