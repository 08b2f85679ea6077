namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>A rater whose leadership and management scores are both valid (PRODUCT.md step 2), with those scores.</summary>
public sealed record RefCountedRater(RefRater Rater, Exact Leadership, Exact Management)
{
    public string Id => Rater.RaterExternalId;

    public string Relationship => Rater.Relationship;

    public Exact Gap => Leadership - Management;

    /// <summary>The behaviors of <paramref name="dimension"/> this rater left unscored, as one key (the rater's piece).</summary>
    public string SkippedIn(string dimension, RefCycle cycle) =>
        string.Join(",", cycle.KeysOf(dimension).Where(key => Rater.Sheet(dimension)!.Scores[key] is null));
}

public sealed record RefGroup(string Relationship, int Responders, bool Suppressed, RefStat? Leadership, RefStat? Management, RefStat? Gap, IReadOnlyList<RefCountedRater> Raters);

/// <param name="Raters">The counted raters whose non-null scores make this behavior's figures (empty when hidden).</param>
public sealed record RefBehavior(string Key, string Dimension, Exact? Score, int? N, Exact? Variance, double? Sd, IReadOnlyDictionary<string, int>? Distribution, int? Self, IReadOnlyList<RefCountedRater> Raters);

public sealed record RefSelf(Exact? Leadership, Exact? Management, Exact? Gap);

/// <summary>
/// The person report as PRODUCT.md defines it, computed from the documents alone (this file never looks at the
/// service's report code). <see cref="Quadrant"/> needs the whole cycle and is filled by <see cref="ReferenceCycleReport"/>.
/// </summary>
public sealed record RefPersonReport(
    RefCycle Cycle,
    RefSubject Subject,
    IReadOnlyDictionary<string, int> Responders,
    bool Suppressed,
    RefStat? OthersLeadership,
    RefStat? OthersManagement,
    RefStat? OthersGap,
    RefSelf Self,
    RefSelf? SelfVsOthers,
    IReadOnlyList<RefGroup> Groups,
    IReadOnlyList<RefBehavior> Behaviors,
    IReadOnlyList<string> BehaviorsHidden,
    IReadOnlyList<string>? LeadershipComments,
    IReadOnlyList<string>? ManagementComments,
    IReadOnlyList<RefCountedRater> Counted)
{
    public static readonly string[] GroupOrder = ["manager", "peer", "directReport", "other"];

    public string? Quadrant { get; set; }

    /// <summary>Step 1: s(r, d), or null when r scored fewer than ceil(m/2) of the m behaviors of d (or never submitted).</summary>
    public static Exact? RaterScore(RefSheet? sheet, RefCycle cycle, string dimension)
    {
        if (sheet is null)
        {
            return null;
        }

        var keys = cycle.KeysOf(dimension);
        var scored = keys.Select(k => sheet.Scores[k]).Where(s => s is not null).Select(s => (Exact)s!.Value).ToList();
        var needed = (keys.Count + 1) / 2; // ceil(m/2)
        return scored.Count >= needed && scored.Count > 0 ? Exact.Mean(scored) : null;
    }

    public static RefPersonReport Compute(RefCycle cycle, RefSubject subject)
    {
        var k = cycle.K;
        var self = subject.Raters.SingleOrDefault(r => r.Relationship == "self");
        var counted = subject.Raters
            .Where(r => r.Relationship != "self")
            .Select(r => (Rater: r, L: RaterScore(r.Leadership, cycle, "leadership"), M: RaterScore(r.Management, cycle, "management")))
            .Where(x => x.L is not null && x.M is not null)
            .Select(x => new RefCountedRater(x.Rater, x.L!.Value, x.M!.Value))
            .ToList();

        var selfL = RaterScore(self?.Leadership, cycle, "leadership");
        var selfM = RaterScore(self?.Management, cycle, "management");
        var selfFigures = new RefSelf(selfL, selfM, selfL is not null && selfM is not null ? selfL.Value - selfM.Value : null);

        var responders = GroupOrder.ToDictionary(g => g, g => counted.Count(c => c.Relationship == g));
        responders["self"] = selfL is not null && selfM is not null ? 1 : 0;
        responders["others"] = counted.Count;

        var byGroup = GroupOrder.ToDictionary(g => g, g => (IReadOnlyList<RefCountedRater>)counted.Where(c => c.Relationship == g).ToList());
        var suppressed = counted.Count < k;
        if (suppressed)
        {
            return new RefPersonReport(
                cycle, subject, responders, true, null, null, null, selfFigures, null,
                GroupOrder.Select(g => new RefGroup(g, byGroup[g].Count, true, null, null, null, byGroup[g])).ToList(),
                cycle.Behaviors.Select(b => HiddenBehavior(b, self)).ToList(),
                RefCycle.Dimensions, null, null, counted);
        }

        var shown = ShownGroups(byGroup, k);
        var groups = GroupOrder.Select(g => shown.Contains(g)
                ? new RefGroup(g, byGroup[g].Count, false, Stat(byGroup[g], c => c.Leadership, cycle), Stat(byGroup[g], c => c.Management, cycle), Stat(byGroup[g], c => c.Gap, cycle), byGroup[g])
                : new RefGroup(g, byGroup[g].Count, true, null, null, null, byGroup[g]))
            .ToList();

        // The pieces rule: parts are the shown groups and the hidden remainder as one.
        var parts = shown.Select(g => byGroup[g]).ToList();
        var hiddenRemainder = GroupOrder.Where(g => !shown.Contains(g)).SelectMany(g => byGroup[g]).ToList();
        if (hiddenRemainder.Count > 0)
        {
            parts.Add(hiddenRemainder);
        }

        var behaviors = new List<RefBehavior>();
        var behaviorsHidden = new List<string>();
        foreach (var dimension in RefCycle.Dimensions)
        {
            var admitted = parts.SelectMany(part => PiecesIn(part, dimension, cycle)).ToList();
            if (admitted.Count == 0)
            {
                behaviorsHidden.Add(dimension);
            }

            foreach (var b in cycle.Behaviors.Where(b => b.Dimension == dimension))
            {
                behaviors.Add(BehaviorFigures(b, admitted, cycle, self));
            }
        }

        var othersL = Stat(counted, c => c.Leadership, cycle);
        var othersM = Stat(counted, c => c.Management, cycle);
        var othersGap = Stat(counted, c => c.Gap, cycle);
        var selfVsOthers = new RefSelf(
            selfL is null ? null : selfL.Value - othersL.Score,
            selfM is null ? null : selfM.Value - othersM.Score,
            selfFigures.Gap is null ? null : selfFigures.Gap.Value - othersGap.Score);

        return new RefPersonReport(
            cycle, subject, responders, false, othersL, othersM, othersGap, selfFigures, selfVsOthers, groups,
            behaviors.OrderBy(b => IndexOf(cycle, b.Key)).ToList(), behaviorsHidden,
            Comments(counted, "leadership"), Comments(counted, "management"), counted);
    }

    /// <summary>Shown when n(g) ≥ k; then complementary suppression until the hidden remainder is 0 or ≥ k.</summary>
    public static HashSet<string> ShownGroups(IReadOnlyDictionary<string, IReadOnlyList<RefCountedRater>> byGroup, int k)
    {
        var shown = GroupOrder.Where(g => byGroup[g].Count >= k).ToHashSet();
        while (true)
        {
            var hidden = GroupOrder.Where(g => !shown.Contains(g)).Sum(g => byGroup[g].Count);
            if (!(hidden > 0 && hidden < k && shown.Count > 0))
            {
                return shown;
            }

            // Smallest n(g) first; ties in the order manager, peer, directReport, other.
            var victim = GroupOrder.Where(shown.Contains).OrderBy(g => byGroup[g].Count).ThenBy(g => Array.IndexOf(GroupOrder, g)).First();
            shown.Remove(victim);
        }
    }

    /// <summary>Within one part: pieces of ≥ k raters with the same unscored behaviors are in, unless the rest is 1..k-1.</summary>
    public static IReadOnlyList<RefCountedRater> PiecesIn(IReadOnlyList<RefCountedRater> part, string dimension, RefCycle cycle)
    {
        var pieces = part.GroupBy(r => r.SkippedIn(dimension, cycle)).ToList();
        var large = pieces.Where(p => p.Count() >= cycle.K).ToList();
        var rest = pieces.Where(p => p.Count() < cycle.K).Sum(p => p.Count());
        if (rest > 0 && rest < cycle.K)
        {
            return [];
        }

        return large.SelectMany(p => p).ToList();
    }

    private static RefBehavior BehaviorFigures(RefBehaviorDefinition b, IReadOnlyList<RefCountedRater> admitted, RefCycle cycle, RefRater? self)
    {
        var selfScore = self?.Sheet(b.Dimension)?.Scores[b.Key];
        var scoring = admitted.Where(r => r.Rater.Sheet(b.Dimension)!.Scores[b.Key] is not null).ToList();
        if (scoring.Count == 0)
        {
            return new RefBehavior(b.Key, b.Dimension, null, null, null, null, null, selfScore, []);
        }

        var values = scoring.Select(r => r.Rater.Sheet(b.Dimension)!.Scores[b.Key]!.Value).ToList();
        var stat = RefStat.Of(values.Select(v => (Exact)v).ToList(), cycle.Points);
        var distribution = Enumerable.Range(cycle.ScaleMin, cycle.Points)
            .ToDictionary(point => point.ToString(System.Globalization.CultureInfo.InvariantCulture), point => values.Count(v => v == point));
        return new RefBehavior(b.Key, b.Dimension, stat.Score, stat.N, stat.Variance, stat.Sd, distribution, selfScore, scoring);
    }

    private static RefBehavior HiddenBehavior(RefBehaviorDefinition b, RefRater? self) =>
        new(b.Key, b.Dimension, null, null, null, null, null, self?.Sheet(b.Dimension)?.Scores[b.Key], []);

    private static RefStat Stat(IReadOnlyList<RefCountedRater> raters, Func<RefCountedRater, Exact> value, RefCycle cycle) =>
        RefStat.Of(raters.Select(value).ToList(), cycle.Points);

    private static List<string> Comments(IEnumerable<RefCountedRater> counted, string dimension) =>
        counted.Select(c => c.Rater.Sheet(dimension)!.Comment).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).ToList();

    private static int IndexOf(RefCycle cycle, string key) => cycle.Behaviors.Select(b => b.Key).ToList().IndexOf(key);
}
