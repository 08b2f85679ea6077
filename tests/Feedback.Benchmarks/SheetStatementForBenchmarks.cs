using Feedback.Api.Features.Ratings;
using Npgsql;
using NpgsqlTypes;

namespace Feedback.Benchmarks;

/// <summary>The API's sheet statement with the parameters the API binds (see <see cref="SheetSubmission"/>).</summary>
internal static class SheetStatementForBenchmarks
{
    public static NpgsqlDataSource DataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    public static async Task<int?> ExecuteAsync(NpgsqlDataSource dataSource, Guid organizationId, Guid cycleId, Guid assignmentId,
        string scores, string? comment)
    {
        await using var command = dataSource.CreateCommand(SheetSubmission.Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("organization_id", organizationId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("cycle_id", cycleId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("assignment_id", assignmentId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", Guid.CreateVersion7()));
        command.Parameters.Add(new NpgsqlParameter<string>("dimension", NpgsqlDbType.Text) { TypedValue = "Leadership" });
        command.Parameters.Add(new NpgsqlParameter<string>("scores", NpgsqlDbType.Jsonb) { TypedValue = scores });
        command.Parameters.Add(new NpgsqlParameter("comment", NpgsqlDbType.Text) { Value = (object?)comment ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = DateTimeOffset.UtcNow });
        command.Parameters.Add(new NpgsqlParameter<bool>("write", true));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() && !reader.IsDBNull(3) ? reader.GetInt32(3) : null;
    }
}
