using Feedback.Api.Data.Sql;
using Feedback.Api.Domain;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Ratings;

/// <summary>
/// The database refuses invalid sheets on its own (the sheets_check trigger, migration SheetGuardPerCycleLock), whatever
/// path writes them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SheetDatabaseGuardTests(FeedbackApiFactory api)
{
    private async Task<PostgresException?> InsertAsync(SeededAssignment seeded, string dimension, string scores, int revision = 1, string? comment = null)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, comment, revision, submitted_at)
            VALUES (gen_random_uuid(), @org, @cycle, @assignment, @dimension, @scores::jsonb, @comment, @revision, now())
            """, connection);
        command.Parameters.AddWithValue("org", seeded.Org.Id);
        command.Parameters.AddWithValue("cycle", seeded.CycleId);
        command.Parameters.AddWithValue("assignment", seeded.AssignmentId);
        command.Parameters.AddWithValue("dimension", dimension);
        command.Parameters.AddWithValue("scores", scores);
        command.Parameters.AddWithValue("comment", (object?)comment ?? DBNull.Value);
        command.Parameters.AddWithValue("revision", revision);
        try
        {
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    private static string Management(string lastValue) =>
        "{\"organizing-projects\": 1, \"managing-resources\": null, \"directing-workflows\": " + lastValue + "}";

    [Fact]
    public async Task AcceptsAValidSheet()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Null(await InsertAsync(seeded, "Management", Management("5")));
    }

    [Theory]
    [InlineData("{\"organizing-projects\": 1, \"managing-resources\": 2}")] // missing
    [InlineData("{\"organizing-projects\": 1, \"managing-resources\": 2, \"directing-workflows\": 3, \"empathy\": 3}")] // other dimension
    [InlineData("{\"organizing-projects\": 1, \"managing-resources\": 2, \"directing-workflows\": 3, \"nope\": 3}")] // unknown
    public async Task RefusesScoresWhoseKeysAreNotTheCyclesBehaviorsOfTheDimension(string scores)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(SqlStates.ScoreKeys, (await InsertAsync(seeded, "Management", scores))?.SqlState);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("4.5")]
    [InlineData("4.0")]
    [InlineData("\"4\"")]
    [InlineData("true")]
    [InlineData("99999999999999999999")]
    public async Task RefusesAScoreThatIsNotNullOrAnIntegerInTheScale(string value)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(SqlStates.ScoreValues, (await InsertAsync(seeded, "Management", Management(value)))?.SqlState);
    }

    [Theory]
    [InlineData(CycleStatus.Draft)]
    [InlineData(CycleStatus.Closed)]
    public async Task RefusesASheetOfACycleThatIsNotOpen(CycleStatus status)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync(status);
        Assert.Equal(SqlStates.CycleNotOpen, (await InsertAsync(seeded, "Management", Management("3")))?.SqlState);
    }

    [Fact]
    public async Task RefusesAWrongRevision_AControlCharacterComment_AndAChangeOfIdentity()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var other = await seeded.Org.AssignmentAsync();
        Assert.Equal(SqlStates.SheetIntegrity, (await InsertAsync(seeded, "Management", Management("3"), revision: 2))?.SqlState);
        Assert.Equal(SqlStates.SheetIntegrity,
            (await InsertAsync(seeded, "Management", Management("3"), comment: "bell\u0007"))?.SqlState);
        Assert.Null(await InsertAsync(seeded, "Management", Management("3")));

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var move = new NpgsqlCommand(
            "UPDATE sheets SET assignment_id = @other, revision = revision + 1 WHERE assignment_id = @mine", connection);
        move.Parameters.AddWithValue("other", other.AssignmentId);
        move.Parameters.AddWithValue("mine", seeded.AssignmentId);
        var error = await Assert.ThrowsAsync<PostgresException>(() => move.ExecuteNonQueryAsync());
        Assert.Equal(SqlStates.SheetIntegrity, error.SqlState);
    }

    [Fact]
    public async Task ACloseWaitsForAnInFlightSubmission_AndNoSheetLandsAfterIt()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        await using var submitter = new NpgsqlConnection(api.ConnectionString);
        await submitter.OpenAsync();
        await using var submission = await submitter.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO sheets (id, organization_id, cycle_id, assignment_id, dimension, scores, revision, submitted_at)
            VALUES (gen_random_uuid(), @org, @cycle, @assignment, 'Management', @scores::jsonb, 1, now())
            """, submitter, submission))
        {
            insert.Parameters.AddWithValue("org", seeded.Org.Id);
            insert.Parameters.AddWithValue("cycle", seeded.CycleId);
            insert.Parameters.AddWithValue("assignment", seeded.AssignmentId);
            insert.Parameters.AddWithValue("scores", Management("2"));
            await insert.ExecuteNonQueryAsync();
        }

        // The close blocks on the submission's shared hold of the cycle's sheet lock until the submission commits.
        var close = seeded.SetStatusAsync(CycleStatus.Closed);
        await LockProbe.WaitUntilBlockedAsync(api.ConnectionString, "UPDATE cycles%");
        Assert.False(close.IsCompleted);
        await submission.CommitAsync();
        await close;

        Assert.Equal(SqlStates.CycleNotOpen, (await InsertAsync(seeded, "Leadership",
            JsonSerializer.Serialize(RatingsSeed.Leadership.ToDictionary(k => k, _ => 3))))?.SqlState);
        Assert.Single((await seeded.StoredAsync()).Sheets);
    }
}
