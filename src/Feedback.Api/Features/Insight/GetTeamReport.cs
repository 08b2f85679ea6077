using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain.Insight;
using Feedback.Api.Domain.Reports;
using Feedback.Api.Features.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Insight;

public sealed record TeamReportVersion(TeamReport Report, DateTimeOffset ClosedAt);

public sealed record GetTeamReportQuery(Guid OrganizationId, Guid CycleId, string? By) : IQuery<TeamReportVersion>;

/// <summary>Team rollups of a closed cycle from the materialized rows: reportable subjects' shown scores only.</summary>
public sealed class GetTeamReportHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetTeamReportQuery, TeamReportVersion>
{
    public async ValueTask<TeamReportVersion> Handle(GetTeamReportQuery query, CancellationToken cancellationToken)
    {
        var by = query.By?.ToLowerInvariant() switch
        {
            null or "" or "department" => TeamGrouping.Department,
            "manager" => TeamGrouping.Manager,
            _ => throw new RequestValidationException("by", "by must be department or manager."),
        };
        var (_, closedAt) = await ClosedCycleReports.SummaryAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
        var k = await db.Cycles.Where(c => c.OrganizationId == query.OrganizationId && c.Id == query.CycleId)
            .Select(c => c.AnonymityThreshold).SingleAsync(cancellationToken);
        var members = await db.SubjectReports
            .Where(r => r.OrganizationId == query.OrganizationId && r.CycleId == query.CycleId && r.Reportable)
            .Select(r => new TeamMember(by == TeamGrouping.Department ? r.Department : r.ManagerExternalId,
                r.Leadership!.Value, r.Management!.Value, r.GapScore, r.Quadrant!.Value))
            .ToListAsync(cancellationToken);

        var items = TeamRollup.Fold(members, k).Select(g => Describe(g, k)).ToList();
        return new TeamReportVersion(new TeamReport(query.CycleId, by, k, items), closedAt);
    }

    private static TeamRollupItem Describe(TeamGroup group, int k)
    {
        var m = group.Members;
        if (m.Count < k)
        {
            // Only "other" can be this small, when every team was folded and the whole cycle has fewer than k.
            return new TeamRollupItem(group.Team, group.Other, group.Teams, m.Count, null, null, null, null);
        }

        var gaps = m.Where(x => x.Gap is not null).Select(x => x.Gap!.Value).ToList();
        return new TeamRollupItem(group.Team, group.Other, group.Teams, m.Count,
            m.Average(x => x.Leadership), m.Average(x => x.Management), gaps.Count == 0 ? null : gaps.Average(),
            new QuadrantCounts(
                m.Count(x => x.Quadrant == Quadrant.LeaderAndManager),
                m.Count(x => x.Quadrant == Quadrant.LeaderOnly),
                m.Count(x => x.Quadrant == Quadrant.ManagerOnly),
                m.Count(x => x.Quadrant == Quadrant.Developing)));
    }
}
