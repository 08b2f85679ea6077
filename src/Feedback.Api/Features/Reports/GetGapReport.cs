using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Reports;

/// <summary>A page of the gap report with the version it belongs to (the cycle's close), for the ETag.</summary>
public sealed record GapReportVersion(GapReport Report, DateTimeOffset ClosedAt);

public sealed record GetGapReportQuery(
    Guid OrganizationId, Guid CycleId, string? Sort, string? Department, string? IsManager, string? Quadrant, int? Limit, string? Cursor)
    : IQuery<GapReportVersion>;

public sealed class GetGapReportHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetGapReportQuery, GapReportVersion>
{
    public async ValueTask<GapReportVersion> Handle(GetGapReportQuery query, CancellationToken cancellationToken)
    {
        var limit = Common.Http.Cursor.Limit(query.Limit);
        var criteria = GapReportCriteria.Parse(query.Sort, query.Department, query.IsManager, query.Quadrant);
        var after = GapCursor.Decode(query.Cursor, criteria.Sort);

        var (summary, closedAt) = await ClosedCycleReports.SummaryAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
        var rows = await GapReportRows.PageAsync(db, query.OrganizationId, query.CycleId, criteria, after, limit + 1, cancellationToken);
        var page = Common.Http.Cursor.ToPage(rows, limit, r => GapCursor.Encode(criteria.Sort, r));
        return new GapReportVersion(new GapReport(query.CycleId, summary, page.Items, page.NextCursor), closedAt);
    }
}

internal static class ClosedCycleReports
{
    private sealed record CycleSummaryRow(CycleStatus Status, DateTimeOffset? ClosedAt, CycleReportSummary? Summary);

    // Compiled: the gap report and the export run it on every request.
    private static readonly Func<FeedbackDbContext, Guid, Guid, Task<CycleSummaryRow?>> Find = EF.CompileAsyncQuery(
        (FeedbackDbContext db, Guid organizationId, Guid cycleId) => db.Cycles.AsNoTracking()
            .TagWith(PreparedStatements.GapReportSummary)
            .Where(c => c.OrganizationId == organizationId && c.Id == cycleId)
            .Select(c => new CycleSummaryRow(c.Status, c.ClosedAt, db.CycleReportSummaries.FirstOrDefault(s => s.CycleId == c.Id)))
            .SingleOrDefault());

    /// <summary>One statement: the cycle's state and its stored summary. 404 for no such cycle here, 409 before close.</summary>
    public static async Task<(GapReportSummary Summary, DateTimeOffset ClosedAt)> SummaryAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var found = await Find(db, organizationId, cycleId) ?? throw new NotFoundException($"No cycle {cycleId}.");
        ReportGuards.EnsureClosed(found.Status, found.ClosedAt);
        var s = found.Summary ?? throw new InvalidOperationException($"Closed cycle {cycleId} has no materialized reports.");
        return (new GapReportSummary(s.Subjects, s.Reportable, s.MedianLeadership, s.MedianManagement, s.MeanGap,
                new QuadrantCounts(s.LeaderAndManager, s.LeaderOnly, s.ManagerOnly, s.Developing),
                s.ManagersWhoArentLeaders, s.LeadersWhoArentManagers),
            found.ClosedAt!.Value);
    }
}
