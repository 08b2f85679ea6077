using Feedback.Api.Data;
using Feedback.Api.Features.Cycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Ratings;

/// <summary>
/// The <c>Feedback:SheetRevisions</c> section. A resubmission keeps the replaced sheet in <c>sheet_revisions</c> (the
/// trail of what a rater changed while the cycle was open). Those are a rater's answers too, and reports never use
/// them, so they are not kept for ever: a cycle's revisions go when it closes, and any revision goes after
/// <see cref="Retention"/>.
/// </summary>
public sealed class SheetRevisionOptions
{
    public const string Section = "Feedback:SheetRevisions";

    /// <summary>Replaced sheets older than this are deleted, also in cycles still open.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        SheetRevisionOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<SheetRevisionOptions>() ?? new SheetRevisionOptions();
        }
        catch (InvalidOperationException e)
        {
            return [$"Feedback__SheetRevisions: {e.Message}"];
        }

        return options.Retention <= TimeSpan.Zero ? ["Feedback__SheetRevisions__Retention must be a positive time span, e.g. 30.00:00:00."] : [];
    }
}

/// <summary>Closing a cycle deletes its replaced sheets, in the close transaction: the frozen sheets are all that stays.</summary>
public sealed class PurgeSheetRevisionsOnClose(FeedbackDbContext db) : ICycleClosedHandler
{
    public Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM sheet_revisions r USING sheets s
            WHERE s.id = r.sheet_id AND s.organization_id = {organizationId} AND s.cycle_id = {cycleId}
            """, ct);
}

/// <summary>Deletes replaced sheets past the retention, hourly (any number of instances may run it).</summary>
public sealed class SheetRevisionCleanup(
    IServiceScopeFactory scopes, IOptions<SheetRevisionOptions> options, TimeProvider clock, ILogger<SheetRevisionCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
                var deleted = await DeleteReplacedBeforeAsync(db, clock.GetUtcNow() - options.Value.Retention, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} replaced sheets older than the retention", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sheet revision cleanup failed; will retry next hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public static Task<int> DeleteReplacedBeforeAsync(FeedbackDbContext db, DateTimeOffset cutoff, CancellationToken ct) =>
        db.SheetRevisions.Where(r => r.ReplacedAt < cutoff).ExecuteDeleteAsync(ct);
}
