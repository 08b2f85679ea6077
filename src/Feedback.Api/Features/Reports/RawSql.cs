using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Feedback.Api.Features.Reports;

/// <summary>Plain Npgsql commands on the request's DbContext connection (and its transaction, when one is open).</summary>
internal static class RawSql
{
    public static async Task<NpgsqlCommand> CommandAsync(this FeedbackDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct); // EF closes it when the context is disposed
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
    }
}
