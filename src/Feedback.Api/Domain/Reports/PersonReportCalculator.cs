namespace Feedback.Api.Domain.Reports;

/// <summary>One rater's sheets with their valid dimension scores (null = not valid) and paired gap.</summary>
public sealed record ScoredRater(RaterInput Input, ScoreFraction? LeadershipFraction, ScoreFraction? ManagementFraction)
{
    public Relationship Relationship => Input.Relationship;

    public double? Leadership => LeadershipFraction?.Value;

    public double? Management => ManagementFraction?.Value;

    public double? Gap => GapCalculator.RaterGap(Leadership, Management);

    /// <summary>
    /// Counted (a responder): leadership and management are both valid. Every figure about others comes from counted
    /// raters only, so all three statistics of a report share one set of raters.
    /// </summary>
    public bool IsCounted => Leadership is not null && Management is not null;

    public static ScoredRater From(RaterInput rater, IReadOnlyList<string> leadershipKeys, IReadOnlyList<string> managementKeys) => new(
        rater, RaterScores.Fraction(rater.Leadership, leadershipKeys), RaterScores.Fraction(rater.Management, managementKeys));
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
        var keys = new Dictionary<Dimension, IReadOnlyList<string>>
        {
            [Dimension.Leadership] = cycle.KeysOf(Dimension.Leadership),
            [Dimension.Management] = cycle.KeysOf(Dimension.Management),
        };
        var scored = raters.Select(r => ScoredRater.From(r, keys[Dimension.Leadership], keys[Dimension.Management])).ToList();
        var selfRater = scored.FirstOrDefault(r => r.Relationship == Relationship.Self);
        var self = selfRater is null
            ? new SelfFigures(null, null, null)
            : new SelfFigures(selfRater.Leadership, selfRater.Management, selfRater.Gap);

        // The counted raters of each group, in Suppression.Groups order; raters with one valid sheet (or none) are
        // left out of every figure, so they can't make the sets behind two figures differ by one rater.
        var byGroup = Suppression.Groups
            .Select(g => scored.Where(r => r.Relationship == g && r.IsCounted).ToList())
            .ToList();
        var counted = byGroup.SelectMany(g => g).ToList();
        var groupN = byGroup.Select(g => g.Count).ToList();
        var responders = new ResponderCounts(
            selfRater?.IsCounted == true ? 1 : 0, groupN[0], groupN[1], groupN[2], groupN[3], counted.Count);

        if (Suppression.IsReportSuppressed(counted.Count, k))
        {
            var hiddenGroups = Suppression.Groups.Select((g, i) => new GroupFigures(g, groupN[i], true, null, null, null)).ToList();
            var hiddenBehaviors = cycle.Behaviors
                .Select(b => BehaviorStatistics.Hidden(b, BehaviorStatistics.SelfScore(selfRater?.Input, b)))
                .ToList();
            return new PersonReportFigures(responders, true, null, self, null, hiddenGroups, hiddenBehaviors, Dimensions, null);
        }

        var a = cycle.ScalePoints;
        var others = Describe(counted, a);
        var shown = Suppression.ShownGroups(groupN, k);
        var groups = Suppression.Groups.Select((g, i) =>
        {
            if (!shown[i])
            {
                return new GroupFigures(g, groupN[i], true, null, null, null);
            }

            var figures = Describe(byGroup[i], a);
            return new GroupFigures(g, groupN[i], false, figures.Leadership, figures.Management, figures.Gap);
        }).ToList();

        // Parts of the pieces rule: each shown group, and the counted raters of every hidden group as one part.
        var parts = byGroup.Where((_, i) => shown[i]).ToList();
        var remainder = byGroup.Where((_, i) => !shown[i]).SelectMany(g => g).ToList();
        if (remainder.Count > 0)
        {
            parts.Add(remainder);
        }

        var admitted = new Dictionary<Dimension, IReadOnlyList<RaterInput>>
        {
            [Dimension.Leadership] = Admitted(parts, Dimension.Leadership, keys[Dimension.Leadership], k),
            [Dimension.Management] = Admitted(parts, Dimension.Management, keys[Dimension.Management], k),
        };
        var behaviors = BehaviorStatistics.Compute(cycle, selfRater?.Input, d => admitted[d]);
        List<Dimension> behaviorsHidden = [.. Dimensions.Where(d => admitted[d].Count == 0)];

        return new PersonReportFigures(
            responders, false, others, self, SelfVsOthers(self, others), groups, behaviors, behaviorsHidden,
            CommentOrder.Collect(counted.Select(r => r.Input).ToList(), commentOrderKey));
    }

    private static readonly Dimension[] Dimensions = [Dimension.Leadership, Dimension.Management];

    public static SelfVsOthersFigures SelfVsOthers(SelfFigures self, OthersFigures others) => new(
        Minus(self.Leadership, others.Leadership?.Score),
        Minus(self.Management, others.Management?.Score),
        Minus(self.Gap, others.Gap?.Score));

    private static double? Minus(double? self, double? others) => self is double s && others is double o ? s - o : null;

    /// <summary>Leadership, management and gap over one set of counted raters (never empty here), from exact scores.</summary>
    private static OthersFigures Describe(List<ScoredRater> raters, int scalePoints) => new(
        Statistics.DescribeRaterScores(raters.Select(r => r.LeadershipFraction!.Value).ToList(), scalePoints),
        Statistics.DescribeRaterScores(raters.Select(r => r.ManagementFraction!.Value).ToList(), scalePoints),
        GapCalculator.DescribeRaterGaps(raters.Select(r => r.LeadershipFraction!.Value - r.ManagementFraction!.Value).ToList()));

    /// <summary>The raters whose scores dimension d's behavior figures may use: the pieces that are in, over every part.</summary>
    private static List<RaterInput> Admitted(List<List<ScoredRater>> parts, Dimension d, IReadOnlyList<string> keys, int k)
    {
        var admitted = new List<RaterInput>();
        foreach (var part in parts)
        {
            var inPart = BehaviorPieces.Admit(part.Select(r => BehaviorPieces.Signature(r.Input.SheetOf(d), keys)).ToList(), k);
            admitted.AddRange(part.Where((_, i) => inPart[i]).Select(r => r.Input));
        }

        return admitted;
    }
}
