using System.Data.Common;
using Npgsql;

namespace Feedback.Api.Data;

/// <summary>
/// The Npgsql settings the service runs with, added to the configured connection strings unless they set them:
/// <list type="bullet">
/// <item><c>Max Auto Prepare=64</c>, <c>Auto Prepare Min Usages=2</c>: a statement run twice on a connection is
/// prepared there (parsed and planned once), so the sheet statement and the report queries skip PostgreSQL's parse
/// and plan on every later call. 64 covers every statement the API sends; the rest run unprepared.</item>
/// <item><c>No Reset On Close=true</c>: a pooled connection is handed to the next request as it is, without
/// <c>DISCARD ALL</c> (a statement on every reuse, which also throws away the prepared statements and the plans of
/// the triggers' PL/pgSQL). The trade-off: session state would survive between requests, so the code keeps none —
/// advisory locks are transaction-level, temporary tables are <c>ON COMMIT DROP</c>, there is no session-level
/// <c>SET</c> or <c>LISTEN</c>, and an open transaction is still rolled back when a connection returns to the pool.</item>
/// </list>
/// </summary>
public static class DatabaseConnections
{
    private static readonly (string Keyword, object Value)[] Defaults =
    [
        ("Max Auto Prepare", 64),
        ("Auto Prepare Min Usages", 2),
        ("No Reset On Close", true),
    ];

    /// <summary>The connection string with the service's defaults for whatever it does not say itself.</summary>
    public static string? WithServiceDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var (keyword, value) in Defaults)
        {
            if (!given.Keys.Cast<string>().Any(k => Same(k, keyword)))
            {
                tuned[keyword] = value;
            }
        }

        return tuned.ConnectionString;
    }

    // "NoResetOnClose" and "no reset on close" name the same setting.
    private static bool Same(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
