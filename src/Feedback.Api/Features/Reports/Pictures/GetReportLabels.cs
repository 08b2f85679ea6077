using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Reports.Pictures;

public sealed record GetReportLabelsQuery(Guid OrganizationId, Guid CycleId) : IQuery<ReportLabels>;

/// <summary>The words a picture needs beyond the report's figures: cycle name and scale, behavior names (the catalog's).</summary>
public sealed class GetReportLabelsHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetReportLabelsQuery, ReportLabels>
{
    public async ValueTask<ReportLabels> Handle(GetReportLabelsQuery query, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == query.OrganizationId && c.Id == query.CycleId)
            .Select(c => new
            {
                c.Name,
                c.ClosedAt,
                c.ScaleMin,
                c.ScaleMax,
                Names = db.Behaviors
                    .Where(b => b.OrganizationId == c.OrganizationId && c.Behaviors.Any(cb => cb.BehaviorKey == b.Key))
                    .Select(b => new { b.Key, b.Name })
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No cycle {query.CycleId}.");
        return new ReportLabels(cycle.Name, cycle.ClosedAt ?? DateTimeOffset.MinValue, cycle.ScaleMin, cycle.ScaleMax,
            cycle.Names.ToDictionary(n => n.Key, n => n.Name, StringComparer.Ordinal));
    }
}
