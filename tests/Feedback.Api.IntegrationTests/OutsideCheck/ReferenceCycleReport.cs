namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>PRODUCT.md steps 7-9 over one closed cycle: medians, quadrants, the two groups, the summary, the gap report's rows.</summary>
public sealed class ReferenceCycleReport
{
    public static readonly string[] Sorts = ["gap", "-gap", "leadership", "-leadership", "management", "-management", "name"];

    public static readonly string[] QuadrantNames = ["leaderAndManager", "leaderOnly", "managerOnly", "developing"];

    public RefCycle Cycle { get; }

    public IReadOnlyDictionary<string, RefPersonReport> People { get; }

    public IReadOnlyList<RefPersonReport> Reportable { get; }

    public Exact? MedianLeadership { get; }

    public Exact? MedianManagement { get; }

    public Exact? MeanGap { get; }

    public IReadOnlyDictionary<string, int> Quadrants { get; }

    public int ManagersWhoArentLeaders { get; }

    public int LeadersWhoArentManagers { get; }

    public ReferenceCycleReport(RefCycle cycle, IEnumerable<RefSubject> subjects)
    {
        Cycle = cycle;
        People = subjects.ToDictionary(s => s.ExternalId, s => RefPersonReport.Compute(cycle, s));
        Reportable = People.Values.Where(p => !p.Suppressed).ToList();
        MedianLeadership = Median(Reportable.Select(p => p.OthersLeadership!.Score));
        MedianManagement = Median(Reportable.Select(p => p.OthersManagement!.Score));
        MeanGap = Reportable.Count == 0 ? null : Exact.Mean(Reportable.Select(p => p.OthersGap!.Score).ToList());
        foreach (var p in Reportable)
        {
            var highL = p.OthersLeadership!.Score >= MedianLeadership!.Value;
            var highM = p.OthersManagement!.Score >= MedianManagement!.Value;
            p.Quadrant = (highL, highM) switch
            {
                (true, true) => "leaderAndManager",
                (true, false) => "leaderOnly",
                (false, true) => "managerOnly",
                _ => "developing",
            };
        }

        Quadrants = QuadrantNames.ToDictionary(q => q, q => Reportable.Count(p => p.Quadrant == q));
        ManagersWhoArentLeaders = Reportable.Count(p => p.Subject.IsManager && p.OthersLeadership!.Score < MedianLeadership!.Value);
        LeadersWhoArentManagers = Reportable.Count(p => !p.Subject.IsManager && p.OthersLeadership!.Score >= MedianLeadership!.Value);
    }

    /// <summary>The usual median: the middle value, or the mean of the two middle values for an even count.</summary>
    public static Exact? Median(IEnumerable<Exact> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The gap report's rows: reportable subjects, filtered, in <paramref name="sort"/> order, ties by externalId.</summary>
    public IReadOnlyList<RefPersonReport> Items(string sort, string? department = null, bool? isManager = null, string? quadrant = null)
    {
        var rows = Reportable
            .Where(p => department is null || p.Subject.Department == department)
            .Where(p => isManager is null || p.Subject.IsManager == isManager)
            .Where(p => quadrant is null || p.Quadrant == quadrant)
            .ToList();
        rows.Sort((a, b) =>
        {
            var byKey = Compare(sort, a, b);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Subject.ExternalId, b.Subject.ExternalId);
        });
        return rows;
    }

    /// <summary>How two rows compare by the sort key alone (0 = a tie, broken by externalId).</summary>
    public static int Compare(string sort, RefPersonReport a, RefPersonReport b) => sort switch
    {
        "gap" => a.OthersGap!.Score.CompareTo(b.OthersGap!.Score),
        "-gap" => b.OthersGap!.Score.CompareTo(a.OthersGap!.Score),
        "leadership" => a.OthersLeadership!.Score.CompareTo(b.OthersLeadership!.Score),
        "-leadership" => b.OthersLeadership!.Score.CompareTo(a.OthersLeadership!.Score),
        "management" => a.OthersManagement!.Score.CompareTo(b.OthersManagement!.Score),
        "-management" => b.OthersManagement!.Score.CompareTo(a.OthersManagement!.Score),
        "name" => string.CompareOrdinal(a.Subject.DisplayName, b.Subject.DisplayName),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };
}
