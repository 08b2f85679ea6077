using System.Data.Common;
using Npgsql;

namespace Feedback.Api.Data;

/// <summary>
/// The Npgsql settings the service runs with, added to the configured connection strings unless they set them:
/// <list type="bullet">
/// <item><c>Max Auto Prepare=0</c>: no automatic preparation. With it on (64 statements, after 2 uses) the hostile-input
/// fuzzer broke pooled connections: an UPDATE that PostgreSQL refused while binding (a NUL in a text parameter) left
/// Npgsql's prepared-statement bookkeeping out of step with the server, and a later request on that connection failed
/// with "Received unexpected backend message DataRow" (a 500 for a valid request; Npgsql issue #6391, open, is the same
/// kind). The hot statements are prepared explicitly instead (<see cref="PreparedStatements"/>), in a round trip of
/// their own. A connection string that sets it (e.g. for a trusted batch job) keeps its value.</item>
/// <item><c>No Reset On Close=true</c>: a pooled connection is handed to the next request as it is, without
/// <c>DISCARD ALL</c> (a statement on every reuse, which also throws away the cached plans of the triggers'
/// PL/pgSQL). The trade-off: session state would survive between requests, so the code keeps none —
/// advisory locks are transaction-level, temporary tables are <c>ON COMMIT DROP</c>, there is no session-level
/// <c>SET</c> or <c>LISTEN</c>, and an open transaction is still rolled back when a connection returns to the pool.</item>
/// </list>
/// </summary>
public static class DatabaseConnections
{
    private static readonly (string Keyword, object Value)[] Defaults =
    [
        ("Max Auto Prepare", 0),
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
