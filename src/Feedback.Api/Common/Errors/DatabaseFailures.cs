using System.Net.Sockets;
using Npgsql;

namespace Feedback.Api.Common;

/// <summary>Which exceptions mean "the database is not there right now" (503 and a retry), not a bug or bad input.</summary>
public static class DatabaseFailures
{
    // An NpgsqlException that is not a PostgresException comes from the client side of the connection (I/O, timeouts,
    // "No suitable host was found" while a multi-host failover promotes a node): the server is not reachable now.
    public static bool IsUnavailable(Exception exception) =>
        Chain(exception).Any(x => x is NpgsqlException { IsTransient: true } or NpgsqlException and not PostgresException or SocketException or TimeoutException
            || x is PostgresException
            {
                SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.TooManyConnections
                    // A node being demoted during a failover turns read-only under open sessions.
                    or PostgresErrorCodes.ReadOnlySqlTransaction
            });

    /// <summary>
    /// On a hot standby, also a query cancelled because replay needed the rows it was reading: the primary will answer.
    /// </summary>
    public static bool IsReplicaUnusable(Exception exception) =>
        IsUnavailable(exception)
        || Chain(exception).Any(x => x is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure }
            || x is NpgsqlException { InnerException: IOException or EndOfStreamException });

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
