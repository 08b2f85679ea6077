using Feedback.Api.Data;
using Feedback.Api.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// A one-off step at start, after the migrations: every closed cycle whose reports were materialized by an older
/// <see cref="ReportRules.Version"/> is recomputed from its frozen sheets, before the server listens, so no report
/// computed by rules since found unsafe is ever served again. Does nothing once every cycle is current (one query).
/// </summary>
public sealed class RecomputeStaleReports(IServiceScopeFactory scopes, ILogger<RecomputeStaleReports> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<(Guid OrganizationId, Guid CycleId)> stale;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            stale = (await db.CycleReportSummaries.AsNoTracking()
                    .Where(s => s.RulesVersion < ReportRules.Version)
                    .OrderBy(s => s.CycleId)
                    .Select(s => new { s.OrganizationId, s.CycleId })
                    .ToListAsync(cancellationToken))
                .Select(s => (s.OrganizationId, s.CycleId))
                .ToList();
        }

        if (stale.Count == 0)
        {
            return;
        }

        logger.LogInformation("Recomputing the reports of {Count} closed cycles under report rules version {Version}",
            stale.Count, ReportRules.Version);
        foreach (var (organizationId, cycleId) in stale)
        {
            // One scope (and transaction) per cycle: a large backlog never holds one huge transaction.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportMaterializer>().RecomputeAsync(organizationId, cycleId, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
