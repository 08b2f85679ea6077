using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Feedback.Api.Data;

/// <summary>
/// The one way to run SQL that LINQ cannot say (<c>ON CONFLICT … WHERE</c>, data-modifying CTEs, row locks,
/// advisory locks, <c>unnest</c>, COPY). Every statement has a name, sent as its first line (<c>-- sheet.submit</c>),
/// so logs and <c>pg_stat_statements</c> say what it is. Values are always parameters: an interpolated
/// <c>{value}</c> becomes one, never text in the SQL.
/// <para>
/// Statements run on the context's connection and in its current transaction, through EF Core's relational command
/// pipeline, so they are logged like every EF query: category <c>Microsoft.EntityFrameworkCore.Database.Command</c>,
/// with the SQL (name first) and its duration, parameter values always shown as <c>?</c> (sensitive-data logging is
/// never enabled). COPY logs its name, row count and duration under the same category. The category is at Warning in
/// appsettings.json; <c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c> turns
/// statement logging on. Rows map onto the result type by column name (a scalar from a column named
/// <c>Value</c>), never by position.
/// </para>
/// </summary>
public static class RawSql
{
    /// <summary>Rows of a statement, mapped by column name. Enumerate it once, without composing over it (LINQ
    /// operators would wrap a data-modifying statement in a subquery): <c>ToListAsync</c> or <c>AsAsyncEnumerable</c>.</summary>
    public static IQueryable<T> Query<T>(this DbContext db, string name, FormattableString sql) =>
        db.Database.SqlQuery<T>(Named(name, sql));

    /// <summary>Rows of a <see cref="SqlStatement"/> with its named parameters, mapped by column name (enumerate once, as above).</summary>
    public static IQueryable<T> Query<T>(this DbContext db, SqlStatement statement, params NpgsqlParameter[] parameters) =>
        db.Database.SqlQueryRaw<T>(statement.Text, parameters);

    /// <summary>
    /// Rows of a <see cref="SqlStatement"/>, each made by <paramref name="row"/> from the reader, for the hot paths (a
    /// sheet submission): EF Core's relational command on the context's connection and transaction, logged like every
    /// EF command, but without the LINQ query pipeline <see cref="Query{T}(DbContext, SqlStatement, NpgsqlParameter[])"/>
    /// goes through (a query-cache lookup and a compiled shaper per execution: a third of a submission's time in the
    /// API, profiled). Read columns by name (<c>reader.GetOrdinal</c>), as everywhere.
    /// </summary>
    public static async Task<List<T>> ReadAsync<T>(this DbContext db, SqlStatement statement, Func<DbDataReader, T> row,
        CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        var rows = new List<T>();
        await db.ForEachRowAsync(statement, reader => rows.Add(row(reader)), ct, parameters);
        return rows;
    }

    /// <summary>
    /// Runs a <see cref="SqlStatement"/> as <see cref="ReadAsync{T}"/> does and hands <paramref name="row"/> each row as it
    /// arrives, for a caller that folds them into something else (a close's chunk of subjects) rather than a list of rows.
    /// </summary>
    public static async Task ForEachRowAsync(this DbContext db, SqlStatement statement, Action<DbDataReader> row,
        CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(statement.Text, parameters);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, readerColumns: null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader.DbDataReader);
        }
    }

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public static Task<int> ExecuteAsync(this DbContext db, string name, FormattableString sql, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(Named(name, sql), ct);

    /// <summary>Runs a <see cref="SqlStatement"/> that returns no rows; the number of rows it changed.</summary>
    public static Task<int> ExecuteAsync(this DbContext db, SqlStatement statement, CancellationToken ct, params NpgsqlParameter[] parameters) =>
        db.Database.ExecuteSqlRawAsync(statement.Text, parameters, ct);

    /// <summary>
    /// <c>COPY … FROM STDIN (FORMAT BINARY)</c> (named in a trailing comment) on the context's connection (inside its transaction, when one is open):
    /// <paramref name="writeRows"/> writes every row; the rows written.
    /// </summary>
    public static async Task<ulong> CopyAsync(this DbContext db, string name, string copyCommand,
        Func<NpgsqlBinaryImporter, CancellationToken, Task> writeRows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct); // EF closes it when the context is disposed
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var started = Stopwatch.GetTimestamp();
        // Npgsql wants the text to start with COPY: the name goes last.
        CheckName(name);
        await using var copy = await connection.BeginBinaryImportAsync($"{copyCommand} /* {name} */", ct);
        await writeRows(copy, ct);
        var rows = await copy.CompleteAsync(ct);
        db.GetService<ILoggerFactory>().CreateLogger(DbLoggerCategory.Database.Command.Name)
            .LogInformation("Copied {Rows} rows ({Statement}) in {ElapsedMs:0} ms", rows, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return rows;
    }

    private static FormattableString Named(string name, FormattableString sql) =>
        FormattableStringFactory.Create(CheckName(name) + sql.Format, sql.GetArguments());

    internal static string CheckName(string name) => name.AsSpan().IndexOfAny("{}\r\n") >= 0
        ? throw new ArgumentException("A statement name is one line without braces.", nameof(name))
        : $"-- {name}\n";
}

/// <summary>A statement written once (a static field) with named parameters (<c>@organization_id</c>): its name and SQL.</summary>
public sealed record SqlStatement(string Name, string Sql)
{
    /// <summary>What is sent: the name as the first line, then the SQL.</summary>
    public string Text { get; } = RawSql.CheckName(Name) + Sql;
}
