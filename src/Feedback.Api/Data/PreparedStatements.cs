using System.Collections.Frozen;
using System.Data.Common;
using Feedback.Api.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Feedback.Api.Data;

/// <summary>
/// The hot statements, prepared explicitly on each physical connection: PostgreSQL parses and plans them once per
/// connection instead of on every call (a sheet submission, a report page, a token lookup). Npgsql keeps an explicitly
/// prepared statement with its connection across pool rentals, so <c>Prepare</c> costs one extra round trip the first
/// time a connection runs the statement and nothing after that.
/// <para>
/// Why not Npgsql's automatic preparation (<c>Max Auto Prepare</c>, off in <see cref="DatabaseConnections"/>): it
/// prepares inside the same round trip as the execution, and a statement PostgreSQL refused while binding left its
/// bookkeeping out of step with the server (a later request on that connection failed). Here the Parse happens in its
/// own round trip before the execution, so an execution that fails cannot undo or confuse it.
/// </para>
/// A statement is prepared when its first line names one of <see cref="Names"/>: <see cref="SqlStatement"/>s carry
/// their name there, LINQ queries get it with <c>TagWith(name)</c>. Everything else (rare statements, COPY, DDL) runs
/// unprepared, so a connection holds a handful of prepared statements, not one per statement ever run.
/// </summary>
public sealed class PreparedStatements : DbCommandInterceptor
{
    public const string SheetSubmit = "sheet.submit";
    public const string PersonReport = "report.person";
    public const string GapReportPage = "report.gap-page";
    public const string GapReportSummary = "report.gap-summary";
    public const string ApiKeyLookup = "auth.api-key";
    public const string RaterTokenLookup = "auth.rater-token";

    /// <summary>The names of the statements that are prepared.</summary>
    public static FrozenSet<string> Names { get; } =
        new[] { SheetSubmit, PersonReport, GapReportPage, GapReportSummary, ApiKeyLookup, RaterTokenLookup }.ToFrozenSet(StringComparer.Ordinal);

    // Declared after Names: static initializers run in order.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NamesBySpan = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>One instance serves every context: it keeps no state.</summary>
    public static PreparedStatements Interceptor { get; } = new();

    /// <summary>The interceptors a context gets: this one, unless <c>Feedback__PrepareStatements</c> is <c>false</c>.</summary>
    public static IInterceptor[] For(IServiceProvider services) =>
        services.GetRequiredService<IOptions<FeedbackOptions>>().Value.PrepareStatements ? [Interceptor] : [];

    private PreparedStatements()
    {
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsPrepared(command))
        {
            await command.PrepareAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsPrepared(command))
        {
            command.Prepare();
        }

        return result;
    }

    /// <summary>Whether the command is one of <see cref="Names"/> (its first line is <c>-- name</c>).</summary>
    internal static bool IsPrepared(DbCommand command)
    {
        var sql = command.CommandText.AsSpan();
        if (command is not NpgsqlCommand || !sql.StartsWith("-- ", StringComparison.Ordinal))
        {
            return false;
        }

        var line = sql[3..];
        var end = line.IndexOf('\n');
        return NamesBySpan.Contains((end < 0 ? line : line[..end]).TrimEnd('\r'));
    }
}
