using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Insight;
using Feedback.Api.Domain.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Reports;

public sealed record GetTrendQuery(Guid OrganizationId, string ExternalId) : IQuery<IReadOnlyList<TrendPoint>>;

public sealed class GetTrendHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetTrendQuery, IReadOnlyList<TrendPoint>>
{
    public async ValueTask<IReadOnlyList<TrendPoint>> Handle(GetTrendQuery query, CancellationToken cancellationToken)
    {
        // One statement: the person (404 when unknown) and their materialized rows of closed cycles, oldest first.
        var person = await db.People.AsNoTracking()
            .Where(p => p.OrganizationId == query.OrganizationId && p.ExternalId == query.ExternalId)
            .Select(p => new
            {
                Rows = db.SubjectReports
                    .Where(r => r.OrganizationId == p.OrganizationId && r.SubjectId == p.Id)
                    .Join(db.Cycles, r => r.CycleId, c => c.Id, (r, c) => new { r, c })
                    .Where(x => x.c.OrganizationId == p.OrganizationId && x.c.Status == CycleStatus.Closed)
                    .OrderBy(x => x.c.ClosedAt).ThenBy(x => x.c.Id)
                    .Select(x => new
                    {
                        x.c.Id,
                        x.c.Name,
                        x.c.ClosedAt,
                        x.r.Suppressed,
                        x.r.Leadership,
                        x.r.Management,
                        x.r.GapScore,
                        x.r.GapN,
                        x.r.GapSd,
                        x.r.GapCiLow,
                        x.r.GapCiHigh,
                        x.r.GapSignificant,
                    })
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No person '{query.ExternalId}'.");

        var points = person.Rows.Select(x => new TrendPoint(x.Id, x.Name, x.ClosedAt!.Value, x.Suppressed, x.Leadership, x.Management,
                x.GapScore is null
                    ? null
                    : new GapStatistics(x.GapScore.Value, x.GapN!.Value, x.GapSd,
                        x.GapCiLow is null || x.GapCiHigh is null ? null : [x.GapCiLow.Value, x.GapCiHigh.Value],
                        x.GapSignificant == true)))
            .ToList();
        for (var i = 1; i < points.Count; i++)
        {
            points[i] = points[i] with { GapChange = Change(points[i - 1], points[i]) };
        }

        return points;
    }

    /// <summary>The gap's change between consecutive points: from shown figures only (score, sd, n), never raw sheets.</summary>
    private static TrendGapChange? Change(TrendPoint before, TrendPoint after)
    {
        if (before.Gap is not { } a || after.Gap is not { } b)
        {
            return null;
        }

        var welch = a.Sd is { } sdA && b.Sd is { } sdB ? WelchDifference.Of(a.Score, sdA, a.N, b.Score, sdB, b.N) : null;
        return new TrendGapChange(before.CycleId, b.Score - a.Score, welch?.Ci95, welch?.DegreesOfFreedom, welch?.Significant ?? false);
    }
}
