using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>The gap report's scatter: every filtered reportable subject's shown scores, the whole cycle's medians.</summary>
public sealed record GapScatter(string Svg, DateTimeOffset ClosedAt);

public sealed record GetGapScatterQuery(Guid OrganizationId, Guid CycleId, string? Department, string? IsManager, string? Quadrant) : IQuery<GapScatter>;

public sealed class GetGapScatterHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetGapScatterQuery, GapScatter>
{
    public async ValueTask<GapScatter> Handle(GetGapScatterQuery query, CancellationToken cancellationToken)
    {
        var criteria = GapReportCriteria.Parse(null, query.Department, query.IsManager, query.Quadrant);
        var (summary, closedAt) = await ClosedCycleReports.SummaryAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
        var scale = await db.Cycles.Where(c => c.OrganizationId == query.OrganizationId && c.Id == query.CycleId)
            .Select(c => new { c.ScaleMin, c.ScaleMax }).SingleAsync(cancellationToken);
        var points = new List<GapScatterChart.Point>();
        await foreach (var row in GapReportRows.AllAsync(db, query.OrganizationId, query.CycleId, criteria, cancellationToken))
        {
            points.Add(new GapScatterChart.Point(row.Leadership, row.Management, row.Quadrant));
        }

        string[] filters =
        [
            .. criteria.Department is { } d ? [$"department {d}"] : Array.Empty<string>(),
            .. criteria.IsManager is { } m ? [m ? "managers" : "non-managers"] : Array.Empty<string>(),
            .. criteria.Quadrant is { } q ? [$"quadrant {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(q.ToString())}"] : Array.Empty<string>(),
        ];
        var svg = GapScatterChart.Render(points, summary.MedianLeadership, summary.MedianManagement, scale.ScaleMin, scale.ScaleMax,
            filters.Length == 0 ? null : string.Join(", ", filters));
        return new GapScatter(svg, closedAt);
    }
}
