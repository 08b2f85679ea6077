namespace Feedback.Api.Domain.Reports;

/// <summary>The anonymity rules of PRODUCT.md, "Anonymity", as pure decisions on counts of counted raters.</summary>
public static class Suppression
{
    /// <summary>The non-self groups, in report order; also the tie order of complementary suppression.</summary>
    public static IReadOnlyList<Relationship> Groups { get; } =
        [Relationship.Manager, Relationship.Peer, Relationship.DirectReport, Relationship.Other];

    /// <summary>The whole report is suppressed when counted raters &lt; k.</summary>
    public static bool IsReportSuppressed(int countedRaters, int k) => countedRaters < k;

    /// <summary>
    /// Which groups are shown, from n(g) = the counted raters of each of the four groups (in <see cref="Groups"/> order).
    /// A group is shown when n(g) ≥ k; then, while the hidden remainder H (the counted raters of groups not shown) is
    /// 1..k-1 and some group is shown, the shown group with the smallest n(g) (ties: manager, peer, directReport, other)
    /// is hidden too, so H can't be recovered by subtracting shown groups from others. A shown group shows all three
    /// statistics, so one decision covers leadership, management and gap.
    /// </summary>
    // Worked by hand, k = 3, counts (manager, peer, directReport, other):
    //   (1, 4, 3, 0): peer and directReport pass; H = 1 + 0 = 1 → hide directReport (3 < 4); H = 4 → done.
    //   (3, 3, 0, 1): manager and peer pass; H = 1 → tie at 3 → manager goes first; H = 4 → done.
    //   (1, 3, 2, 0): only peer passes; H = 3 → nothing more to hide.
    // A shown group has n ≥ k, so one hiding always lifts H to ≥ k: the loop runs at most once.
    public static bool[] ShownGroups(IReadOnlyList<int> groupN, int k)
    {
        if (groupN.Count != Groups.Count)
        {
            throw new ArgumentException($"Expected {Groups.Count} group counts.", nameof(groupN));
        }

        var shown = groupN.Select(n => n >= k).ToArray();
        while (Hidden(groupN, shown) is > 0 and var h && h < k && shown.Any(s => s))
        {
            shown[SmallestShown(groupN, shown)] = false;
        }

        return shown;
    }

    /// <summary>H: the counted raters of the groups not shown.</summary>
    public static int Hidden(IReadOnlyList<int> groupN, IReadOnlyList<bool> shown) =>
        groupN.Where((_, g) => !shown[g]).Sum();

    // Strict < keeps the first of equal counts, which is the tie order because groupN is in Groups order.
    private static int SmallestShown(IReadOnlyList<int> groupN, bool[] shown)
    {
        var smallest = -1;
        for (var g = 0; g < groupN.Count; g++)
        {
            if (shown[g] && (smallest < 0 || groupN[g] < groupN[smallest]))
            {
                smallest = g;
            }
        }

        return smallest;
    }
}
