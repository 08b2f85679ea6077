using Npgsql;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>
/// The gap report's sorts (name, and externalId for ties) are in byte order on every server. The test cluster's default
/// collation is C already, so the ordering tests alone could not tell: this checks that the columns say so themselves,
/// as a database created with a linguistic default (en_US.UTF-8: "ab" before "aB", punctuation ignored at first) needs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GapReportCollationTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData("external_id")]
    [InlineData("display_name")]
    public async Task TheSortedColumnsOfTheReports_CompareInByteOrder(string column)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT collation_name FROM information_schema.columns WHERE table_name = 'subject_reports' AND column_name = @column",
            connection);
        query.Parameters.AddWithValue("column", column);

        Assert.Equal("C", await query.ExecuteScalarAsync());
    }
}
