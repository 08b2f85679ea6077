namespace Feedback.Api.Domain.Reports;

/// <summary>One rater's valid dimension scores (null = not valid) and paired gap.</summary>
public sealed record ScoredRater(Relationship Relationship, double? Leadership, double? Management)
{
    public double? Gap => GapCalculator.RaterGap(Leadership, Management);

    /// <summary>A responder has at least one valid dimension score.</summary>
    public bool IsResponder => Leadership is not null || Management is not null;

    public static ScoredRater From(ReportCycle cycle, RaterInput rater) =>
        From(rater, cycle.KeysOf(Dimension.Leadership), cycle.KeysOf(Dimension.Management));

    public static ScoredRater From(RaterInput rater, IReadOnlyList<string> leadershipKeys, IReadOnlyList<string> managementKeys) => new(
        rater.Relationship, RaterScores.Score(rater.Leadership, leadershipKeys), RaterScores.Score(rater.Management, managementKeys));
}

/// <summary>Every figure of a person report, with the anonymity rules applied. Pure: same input, same output.</summary>
public static class PersonReportCalculator
{
    /// <param name="cycle">The cycle's scale, threshold and behaviors.</param>
    /// <param name="raters">Every assignment of the subject in the cycle, with its sheets as they stood at close.</param>
    /// <param name="commentOrderKey">Secret key for the comment order (see <see cref="CommentOrder"/>).</param>
    public static PersonReportFigures Compute(ReportCycle cycle, IReadOnlyList<RaterInput> raters, ReadOnlySpan<byte> commentOrderKey)
    {
        var k = cycle.AnonymityThreshold;
        var leadershipKeys = cycle.KeysOf(Dimension.Leadership);
        var managementKeys = cycle.KeysOf(Dimension.Management);
        var scored = raters.Select(r => ScoredRater.From(r, leadershipKeys, managementKeys)).ToList();
        var responders = CountResponders(scored);
        var self = SelfOf(scored);
        var behaviors = BehaviorStatistics.Compute(cycle, raters);

        if (Suppression.IsReportSuppressed(responders.Others, k))
        {
            var groups = Suppression.Groups
                .Select(g => new GroupFigures(g, RespondersIn(responders, g), true, null, null, null)).ToList();
            return new PersonReportFigures(responders, true, null, self, null, groups, behaviors.Select(HideFigures).ToList(), null);
        }

        var others = scored.Where(r => r.Relationship != Relationship.Self).ToList();
        var leadership = Decide(others, r => r.Leadership, k);
        var management = Decide(others, r => r.Management, k);
        var gap = Decide(others, r => r.Gap, k);
        var a = cycle.ScalePoints;

        var othersFigures = new OthersFigures(
            leadership.Visibility.Others ? Statistics.Describe(leadership.All, a) : null,
            management.Visibility.Others ? Statistics.Describe(management.All, a) : null,
            gap.Visibility.Others ? GapCalculator.Describe(gap.All) : null);

        var groupFigures = Suppression.Groups.Select((g, i) =>
        {
            var l = leadership.Visibility.Groups[i] ? Statistics.Describe(leadership.ByGroup[i], a) : null;
            var m = management.Visibility.Groups[i] ? Statistics.Describe(management.ByGroup[i], a) : null;
            var gg = gap.Visibility.Groups[i] ? GapCalculator.Describe(gap.ByGroup[i]) : null;
            return new GroupFigures(g, RespondersIn(responders, g), l is null && m is null && gg is null, l, m, gg);
        }).ToList();

        var shownBehaviors = behaviors.Select(b => Suppression.ShowsBehavior(b.N ?? 0, k) ? b : HideFigures(b)).ToList();

        return new PersonReportFigures(
            responders, false, othersFigures, self, SelfVsOthers(self, othersFigures), groupFigures, shownBehaviors,
            CommentOrder.Collect(raters, commentOrderKey));
    }

    public static SelfVsOthersFigures SelfVsOthers(SelfFigures self, OthersFigures others) => new(
        Minus(self.Leadership, others.Leadership?.Score),
        Minus(self.Management, others.Management?.Score),
        Minus(self.Gap, others.Gap?.Score));

    private static double? Minus(double? self, double? others) => self is double s && others is double o ? s - o : null;

    /// <summary>The self rater's valid scores and gap; all null when there is no self assignment.</summary>
    private static SelfFigures SelfOf(List<ScoredRater> scored) =>
        scored.FirstOrDefault(r => r.Relationship == Relationship.Self) is { } self
            ? new SelfFigures(self.Leadership, self.Management, self.Gap)
            : new SelfFigures(null, null, null);

    private static ResponderCounts CountResponders(List<ScoredRater> scored)
    {
        int Count(Relationship relationship) => scored.Count(r => r.Relationship == relationship && r.IsResponder);
        var byGroup = Suppression.Groups.Select(Count).ToArray();
        return new ResponderCounts(Count(Relationship.Self), byGroup[0], byGroup[1], byGroup[2], byGroup[3], byGroup.Sum());
    }

    private static int RespondersIn(ResponderCounts counts, Relationship group) => group switch
    {
        Relationship.Manager => counts.Manager,
        Relationship.Peer => counts.Peer,
        Relationship.DirectReport => counts.DirectReport,
        Relationship.Other => counts.Other,
        _ => counts.Self,
    };

    private static BehaviorFigures HideFigures(BehaviorFigures b) => b with { Score = null, N = null, Sd = null, Distribution = null };

    private sealed record StatisticInputs(List<double> All, List<List<double>> ByGroup, StatisticVisibility Visibility);

    /// <summary>The values of one statistic for others and per group, and where it may be shown.</summary>
    private static StatisticInputs Decide(List<ScoredRater> others, Func<ScoredRater, double?> value, int k)
    {
        var byGroup = Suppression.Groups
            .Select(g => others.Where(r => r.Relationship == g).Select(value).OfType<double>().ToList()).ToList();
        var all = byGroup.SelectMany(v => v).ToList();
        return new StatisticInputs(all, byGroup, Suppression.Decide(byGroup.Select(v => v.Count).ToList(), k));
    }
}
