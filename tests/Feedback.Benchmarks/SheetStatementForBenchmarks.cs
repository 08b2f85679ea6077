using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Ratings;
using Npgsql;

namespace Feedback.Benchmarks;

/// <summary>The API's sheet statement (<see cref="SubmitSheetHandler.Submit"/>) with the parameters the API binds.</summary>
internal static class SheetStatementForBenchmarks
{
    /// <summary>The same connection settings as the API (no automatic preparation, no reset on close).</summary>
    public static NpgsqlDataSource DataSource(string connectionString) =>
        NpgsqlDataSource.Create(DatabaseConnections.WithServiceDefaults(connectionString)!);

    public static async Task<int?> ExecuteAsync(NpgsqlDataSource dataSource, Guid organizationId, Guid cycleId, Guid assignmentId,
        string scores, string? comment)
    {
        // A command on a connection, not on the data source: only those can be prepared.
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(SubmitSheetHandler.Submit.Text, connection);
        command.Parameters.AddRange(SubmitSheetHandler.SubmitParameters(
            organizationId, cycleId, assignmentId, Dimension.Leadership, scores, comment, DateTimeOffset.UtcNow));
        await command.PrepareAsync(); // as the API does (Data/PreparedStatements): a round trip only on a connection's first use
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetInt32(0) : null;
    }
}
