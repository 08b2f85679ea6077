using Npgsql;
using static Feedback.Api.Domain.Relationship;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>
/// The close reads the sheets on a second connection, outside its own transaction: it must still see exactly the sheets
/// as they stood at close, including one whose write was in flight when the close began (the close waits for it).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CloseReadsFrozenSheetsTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task AClose_CountsASheetThatWasBeingWrittenWhenItBegan()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(ReportScenario.People);
        var cycleId = await org.CreateOpenCycleAsync("in flight");
        // bob: p1 and p2 with both sheets, p3 with management only so far: 2 counted raters, fewer than k = 3.
        await org.RateAsync(cycleId,
            new SeedRating("bob", "p1", Peer, [4, 4, 4], [2, 2]),
            new SeedRating("bob", "p2", Peer, [4, 4, 4], [2, 2]),
            new SeedRating("bob", "p3", Peer, null, [2, 2]));

        // p3's leadership sheet is being written (its transaction holds the cycle's sheet lock shared) when the close comes.
        await using var submitter = new NpgsqlConnection(api.ConnectionString);
        await submitter.OpenAsync();
        await using var submission = await submitter.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, revision, submitted_at)
            SELECT gen_random_uuid(), a.organization_id, a.cycle_id, a.id, 'Leadership', @scores::jsonb, 1, now()
            FROM assignments a JOIN people s ON s.id = a.subject_id JOIN people r ON r.id = a.rater_id
            WHERE a.cycle_id = @cycle AND s.external_id = 'bob' AND r.external_id = 'p3'
            """, submitter, submission))
        {
            insert.Parameters.AddWithValue("cycle", cycleId);
            insert.Parameters.AddWithValue("scores", """{"active-listening": 5, "empathy": 5, "building-trust": 5}""");
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        var close = org.CloseCycleAsync(cycleId);
        await LockProbe.WaitUntilBlockedAsync(api.ConnectionString, "UPDATE cycles%");
        Assert.False(close.IsCompleted);
        await submission.CommitAsync();
        await close;

        // Counted: L (4 + 4 + 5) / 3, M 2. Had the close's reads missed the sheet, the report would be suppressed.
        var report = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/people/bob");
        Assert.False(report.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, report.GetProperty("responders").GetProperty("others").GetInt32());
        ReportScenario.Near(13.0 / 3, report.GetProperty("others").GetProperty("leadership").GetProperty("score"));
        ReportScenario.Near(2, report.GetProperty("others").GetProperty("management").GetProperty("score"));
    }
}
