using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports.Attacker;

/// <summary>
/// A faithful copy of the report rules before issue 9 (report rules version 1), kept only so the attacker test can
/// show what it finds there: each statistic (leadership, management, gap) over its own raters (any valid score of
/// that dimension), groups decided per statistic, and behaviors over every others' score, even from a sheet too
/// sparse to count, shown when n ≥ k. Reuses today's pure helpers for a rater's score, the statistics and the
/// comments, which did not change; the suppression decisions are copied as they were.
/// </summary>
internal static class LegacyReportRules
{
    public static PersonReportFigures Compute(ReportCycle cycle, IReadOnlyList<RaterInput> raters, ReadOnlySpan<byte> commentOrderKey)
    {
        var k = cycle.AnonymityThreshold;
        var leadershipKeys = cycle.KeysOf(Dimension.Leadership);
        var managementKeys = cycle.KeysOf(Dimension.Management);
        var scored = raters.Select(r => (r.Relationship,
            Leadership: RaterScores.Score(r.Leadership, leadershipKeys), Management: RaterScores.Score(r.Management, managementKeys))).ToList();

        int Responders(Relationship g) => scored.Count(r => r.Relationship == g && (r.Leadership is not null || r.Management is not null));
        var groupResponders = Suppression.Groups.Select(Responders).ToArray();
        var responders = new ResponderCounts(Responders(Relationship.Self), groupResponders[0], groupResponders[1],
            groupResponders[2], groupResponders[3], groupResponders.Sum());
        var selfRater = scored.FirstOrDefault(r => r.Relationship == Relationship.Self);
        var self = scored.Any(r => r.Relationship == Relationship.Self)
            ? new SelfFigures(selfRater.Leadership, selfRater.Management, GapCalculator.RaterGap(selfRater.Leadership, selfRater.Management))
            : new SelfFigures(null, null, null);
        var selfInput = raters.FirstOrDefault(r => r.Relationship == Relationship.Self);
        var behaviors = cycle.Behaviors.Select(b => BehaviorOverEveryScore(cycle, b, raters, selfInput)).ToList();

        if (responders.Others < k)
        {
            var hidden = Suppression.Groups.Select((g, i) => new GroupFigures(g, groupResponders[i], true, null, null, null)).ToList();
            return new PersonReportFigures(responders, true, null, self, null, hidden,
                behaviors.Select(b => BehaviorStatistics.Hidden(new CycleBehaviorRef(b.Key, b.Dimension), b.Self)).ToList(), [], null);
        }

        var others = scored.Where(r => r.Relationship != Relationship.Self).ToList();
        var leadership = Decide(others, r => r.Leadership, k);
        var management = Decide(others, r => r.Management, k);
        var gap = Decide(others, r => GapCalculator.RaterGap(r.Leadership, r.Management), k);
        var a = cycle.ScalePoints;

        var othersFigures = new OthersFigures(
            leadership.Others ? Statistics.Describe(leadership.All, a) : null,
            management.Others ? Statistics.Describe(management.All, a) : null,
            gap.Others ? GapCalculator.Describe(gap.All) : null);

        var groups = Suppression.Groups.Select((g, i) =>
        {
            var l = leadership.Groups[i] ? Statistics.Describe(leadership.ByGroup[i], a) : null;
            var m = management.Groups[i] ? Statistics.Describe(management.ByGroup[i], a) : null;
            var gg = gap.Groups[i] ? GapCalculator.Describe(gap.ByGroup[i]) : null;
            return new GroupFigures(g, groupResponders[i], l is null && m is null && gg is null, l, m, gg);
        }).ToList();

        var shownBehaviors = behaviors
            .Select(b => (b.N ?? 0) >= k ? b : BehaviorStatistics.Hidden(new CycleBehaviorRef(b.Key, b.Dimension), b.Self))
            .ToList();

        return new PersonReportFigures(responders, false, othersFigures, self,
            PersonReportCalculator.SelfVsOthers(self, othersFigures), groups, shownBehaviors, [],
            CommentOrder.Collect(raters, commentOrderKey));
    }

    private sealed record Statistic(List<double> All, List<List<double>> ByGroup, bool Others, bool[] Groups);

    /// <summary>One statistic over the others with a value for it, decided on its own counts (the old Suppression.Decide).</summary>
    private static Statistic Decide(
        List<(Relationship Relationship, double? Leadership, double? Management)> others,
        Func<(Relationship Relationship, double? Leadership, double? Management), double?> value,
        int k)
    {
        var byGroup = Suppression.Groups.Select(g => others.Where(r => r.Relationship == g).Select(value).OfType<double>().ToList()).ToList();
        var groupN = byGroup.Select(v => v.Count).ToList();
        var all = byGroup.SelectMany(v => v).ToList();
        if (all.Count < k)
        {
            return new Statistic(all, byGroup, false, new bool[groupN.Count]);
        }

        // Groups show X when n_X(g) ≥ k; while the hidden remainder is 1..k-1, hide the smallest shown group
        // (ties: manager, peer, directReport, other).
        var shown = groupN.Select(n => n >= k).ToArray();
        while (groupN.Where((_, g) => !shown[g]).Sum() is > 0 and var h && h < k && shown.Any(x => x))
        {
            var smallest = -1;
            for (var g = 0; g < groupN.Count; g++)
            {
                if (shown[g] && (smallest < 0 || groupN[g] < groupN[smallest]))
                {
                    smallest = g;
                }
            }

            shown[smallest] = false;
        }

        return new Statistic(all, byGroup, true, shown);
    }

    private static BehaviorFigures BehaviorOverEveryScore(ReportCycle cycle, CycleBehaviorRef behavior, IReadOnlyList<RaterInput> raters, RaterInput? self)
    {
        var scores = raters.Where(r => r.Relationship != Relationship.Self)
            .Select(r => r.SheetOf(behavior.Dimension) is { } sheet && sheet.TryGetValue(behavior.Key, out var s) ? s : null)
            .OfType<int>()
            .ToList();
        return BehaviorStatistics.Describe(cycle, behavior, scores, BehaviorStatistics.SelfScore(self, behavior));
    }
}
