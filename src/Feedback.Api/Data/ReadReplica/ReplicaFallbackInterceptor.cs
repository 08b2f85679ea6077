using System.Data.Common;
using Feedback.Api.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Feedback.Api.Data.ReadReplica;

/// <summary>
/// Opens the read-only context's connection on the replica, or on the primary when the replica failed moments ago or
/// refuses the connection. It works at the connection, below every query, so report handlers need not know.
/// </summary>
public sealed class ReplicaFallbackInterceptor(ReplicaReads reads) : DbConnectionInterceptor
{
    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (!TryReplica(connection, eventData, out var db))
        {
            return result;
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
            db.ReadFromReplica = true;
            return InterceptionResult.Suppress(); // opened here; EF must not open it again
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            reads.FellBack("the replica is unreachable", e);
            Retarget(connection, db);
            return result; // EF opens it, now on the primary
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (!TryReplica(connection, eventData, out var db))
        {
            return result;
        }

        try
        {
            connection.Open();
            db.ReadFromReplica = true;
            return InterceptionResult.Suppress();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            reads.FellBack("the replica is unreachable", e);
            Retarget(connection, db);
            return result;
        }
    }

    /// <summary>True when this open should try the replica; otherwise the connection is pointed at the primary.</summary>
    private bool TryReplica(DbConnection connection, ConnectionEventData eventData, out FeedbackReadOnlyDbContext db)
    {
        db = null!;
        if (eventData.Context is not FeedbackReadOnlyDbContext readOnly || reads.Replica is null)
        {
            return false; // the primary context, or no replica configured
        }

        db = readOnly;
        if (db.OnPrimary)
        {
            Retarget(connection, db);
            return false;
        }

        if (!reads.ReplicaWorthTrying)
        {
            reads.FellBack("the replica failed moments ago");
            Retarget(connection, db);
            return false;
        }

        return true;
    }

    private void Retarget(DbConnection connection, FeedbackReadOnlyDbContext db)
    {
        connection.ConnectionString = reads.Primary;
        db.MarkOnPrimary();
    }
}
