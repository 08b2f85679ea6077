namespace Feedback.Api.Domain.Reports;

/// <summary>Where one statistic (leadership, management or gap) may be shown: for others and per group (in <see cref="Suppression.Groups"/> order).</summary>
public sealed record StatisticVisibility(bool Others, IReadOnlyList<bool> Groups);

/// <summary>The anonymity rules of PRODUCT.md, "Anonymity", as pure decisions on counts.</summary>
public static class Suppression
{
    /// <summary>The non-self groups, in report order; also the tie order of complementary suppression.</summary>
    public static IReadOnlyList<Relationship> Groups { get; } =
        [Relationship.Manager, Relationship.Peer, Relationship.DirectReport, Relationship.Other];

    /// <summary>The whole report is suppressed when others' responders &lt; k.</summary>
    public static bool IsReportSuppressed(int othersResponders, int k) => othersResponders < k;

    /// <summary>A behavior's figures are shown when its n ≥ k.</summary>
    public static bool ShowsBehavior(int n, int k) => n >= k;

    /// <summary>
    /// Decides one statistic X from n_X(g) of the four groups (others' n_X is their sum).
    /// Others show X when n ≥ k, else X is hidden everywhere. Groups show X when n_X(g) ≥ k; then, while the hidden
    /// remainder H (sum of n_X over groups not showing X) is 1..k-1 and some group shows X, the showing group with the
    /// smallest n_X (ties: manager, peer, directReport, other) is hidden too, so H can't be recovered by subtraction.
    /// </summary>
    // Worked by hand, k = 3, counts (manager, peer, directReport, other):
    //   (1, 4, 3, 0): peer and directReport pass; H = 1 + 0 = 1 → hide directReport (3 < 4); H = 4 → done.
    //   (3, 3, 0, 1): manager and peer pass; H = 1 → tie at 3 → manager goes first; H = 4 → done.
    //   (1, 3, 2, 0): only peer passes; H = 3 → nothing more to hide.
    // A shown group has n ≥ k, so one hiding always lifts H to ≥ k: the loop runs at most once, and while others are
    // shown (Σ n ≥ k) H < k implies some group still shows X.
    public static StatisticVisibility Decide(IReadOnlyList<int> groupN, int k)
    {
        if (groupN.Count != Groups.Count)
        {
            throw new ArgumentException($"Expected {Groups.Count} group counts.", nameof(groupN));
        }

        var shown = groupN.Select(n => n >= k).ToArray();
        if (groupN.Sum() < k)
        {
            return new StatisticVisibility(false, new bool[shown.Length]);
        }

        while (Hidden(groupN, shown) is > 0 and var h && h < k && shown.Any(s => s))
        {
            shown[SmallestShown(groupN, shown)] = false;
        }

        return new StatisticVisibility(true, shown);
    }

    /// <summary>H: the raters counted in X whose groups do not show X.</summary>
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
