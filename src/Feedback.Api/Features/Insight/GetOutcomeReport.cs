using Feedback.Api.Data;
using Feedback.Api.Domain.Insight;
using Feedback.Api.Domain.Reports;
using Feedback.Api.Features.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Insight;

/// <summary>The outcome report with what identifies its version: outcomes keep arriving after close.</summary>
public sealed record OutcomeReportVersion(OutcomeReport Report, DateTimeOffset ClosedAt, int Outcomes, DateTimeOffset? LastOutcomeAt);

public sealed record GetOutcomeReportQuery(Guid OrganizationId, Guid CycleId) : IQuery<OutcomeReportVersion>;

/// <summary>
/// Reads only what the gap report already shows (each reportable subject's shown leadership, management and gap
/// score, isManager and quadrant) joined with the HR system's outcomes, so no figure here says more about a rater than
/// the gap report does.
/// </summary>
public sealed class GetOutcomeReportHandler(FeedbackReadOnlyDbContext db) : IQueryHandler<GetOutcomeReportQuery, OutcomeReportVersion>
{
    public async ValueTask<OutcomeReportVersion> Handle(GetOutcomeReportQuery query, CancellationToken cancellationToken)
    {
        var (_, closedAt) = await ClosedCycleReports.SummaryAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
        var outcomes = db.Outcomes.Where(o => o.OrganizationId == query.OrganizationId && o.CycleId == query.CycleId);
        var rows = await db.SubjectReports
            .Where(r => r.OrganizationId == query.OrganizationId && r.CycleId == query.CycleId && r.Reportable)
            .Join(outcomes, r => r.SubjectId, o => o.PersonId, (r, o) => new OutcomeRow(
                r.Leadership!.Value, r.Management!.Value, r.GapScore, r.IsManager, r.Quadrant!.Value, o.Productivity, o.Engagement, o.Retention))
            .ToListAsync(cancellationToken);
        var version = await outcomes.GroupBy(o => 1)
            .Select(g => new { Count = g.Count(), Last = g.Max(o => o.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);

        var managers = rows.Where(r => r.IsManager).ToList();
        var others = rows.Where(r => !r.IsManager).ToList();
        var report = new OutcomeReport(query.CycleId, Correlations.MinimumN, Items(rows).ToList(), new OutcomeGroups(
            Outcomes(managers, r => SeedGroups.IsManagerWhoIsntLeader(r.IsManager, r.Quadrant)),
            Outcomes(others, r => SeedGroups.IsLeaderWhoIsntManager(r.IsManager, r.Quadrant))));
        return new OutcomeReportVersion(report, closedAt, version?.Count ?? 0, version?.Last);
    }

    private static IEnumerable<OutcomeCorrelation> Items(List<OutcomeRow> rows)
    {
        foreach (var outcome in Enum.GetValues<OutcomeKind>())
        {
            foreach (var with in Enum.GetValues<CorrelatedScore>())
            {
                var pairs = rows
                    .Select(r => (Score: Score(r, with), Outcome: Value(r, outcome)))
                    .Where(p => p.Score is not null && p.Outcome is not null)
                    .ToList();
                var f = Correlations.Of(pairs.Select(p => p.Score!.Value).ToList(), pairs.Select(p => p.Outcome!.Value).ToList());
                yield return new OutcomeCorrelation(outcome, with, f.N, f.Method, f.Pearson, f.PearsonCi95, f.Spearman, f.PValue);
            }
        }
    }

    private static SeedGroupOutcomes Outcomes(List<OutcomeRow> kind, Func<OutcomeRow, bool> inGroup) => new(
        Compare(kind, inGroup, r => r.Productivity), Compare(kind, inGroup, r => r.Engagement), Compare(kind, inGroup, r => r.Retention));

    /// <summary>The group's mean outcome against the rest of its kind, over those with the outcome recorded.</summary>
    private static OutcomeGroupComparison Compare(List<OutcomeRow> kind, Func<OutcomeRow, bool> inGroup, Func<OutcomeRow, double?> outcome)
    {
        var recorded = kind.Where(r => outcome(r) is not null).ToList();
        var group = Describe(recorded.Where(inGroup).Select(r => outcome(r)!.Value).ToList());
        var rest = Describe(recorded.Where(r => !inGroup(r)).Select(r => outcome(r)!.Value).ToList());
        var difference = group.Mean is null || rest.Mean is null
            ? null
            : WelchDifference.Of(rest.Mean.Value, rest.Sd!.Value, rest.N, group.Mean.Value, group.Sd!.Value, group.N);
        return new OutcomeGroupComparison(group, rest, difference);
    }

    private static OutcomeGroupFigures Describe(List<double> values) =>
        values.Count < Correlations.MinimumN
            ? new OutcomeGroupFigures(values.Count, null, null)
            : new OutcomeGroupFigures(values.Count, Statistics.Mean(values), Statistics.SampleSd(values));

    private static double? Score(OutcomeRow r, CorrelatedScore with) => with switch
    {
        CorrelatedScore.Leadership => r.Leadership,
        CorrelatedScore.Management => r.Management,
        _ => r.Gap,
    };

    private static double? Value(OutcomeRow r, OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Productivity => r.Productivity,
        OutcomeKind.Engagement => r.Engagement,
        _ => r.Retention,
    };

    private sealed record OutcomeRow(
        double Leadership, double Management, double? Gap, bool IsManager, Quadrant Quadrant, double? Productivity, double? Engagement, double? Retention);
}
