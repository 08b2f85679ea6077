using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data;

/// <summary>
/// The report queries' context: the read replica when <c>ConnectionStrings__FeedbackReadOnly</c> is set, else the
/// primary. Reports read closed cycles only, which never change, so replica lag cannot show a half state — at
/// worst a report answers 409 for a moment after its cycle closed.
/// </summary>
public sealed class FeedbackReadOnlyDbContext : FeedbackDbContext
{
    public FeedbackReadOnlyDbContext(DbContextOptions<FeedbackReadOnlyDbContext> options)
        : base(options)
    {
        ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("The read-only context does not write.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The read-only context does not write.");
}
