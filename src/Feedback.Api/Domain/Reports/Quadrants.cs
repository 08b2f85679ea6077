namespace Feedback.Api.Domain.Reports;

/// <summary>Where a reportable subject sits against the cycle's medians of others' scores.</summary>
public enum Quadrant
{
    LeaderAndManager,
    LeaderOnly,
    ManagerOnly,
    Developing,
}

/// <summary>Quadrants (PRODUCT.md, "How the numbers are computed" 6).</summary>
public static class Quadrants
{
    // Worked by hand:
    //   [3.0, 4.0, 3.5]      → sorted 3.0, 3.5, 4.0 → odd count, middle = 3.5.
    //   [4.0, 2.0, 3.0, 5.0] → sorted 2, 3, 4, 5 → even count, (3 + 4) / 2 = 3.5.
    //   With medians L = 3.5, M = 3.5: (3.5, 3.5) is high/high (≥ counts as high) → leaderAndManager;
    //   (3.5, 3.49) → leaderOnly; (3.49, 3.5) → managerOnly; (3.0, 3.0) → developing.
    //   Ties at the median: [3, 3, 4, 4] → (3 + 4) / 2 = 3.5, so both 3s are low and both 4s high;
    //   [3, 3, 3, 4] → (3 + 3) / 2 = 3, so every subject is high (3 ≥ 3).

    /// <summary>The usual median: the middle value, or the mean of the two middle values for an even count; null if empty.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>High on a dimension when the score ≥ its median (a tie with the median is high).</summary>
    public static Quadrant Classify(double leadership, double management, double medianLeadership, double medianManagement) =>
        (leadership >= medianLeadership, management >= medianManagement) switch
        {
            (true, true) => Quadrant.LeaderAndManager,
            (true, false) => Quadrant.LeaderOnly,
            (false, true) => Quadrant.ManagerOnly,
            (false, false) => Quadrant.Developing,
        };

    public static bool IsHighLeadership(Quadrant quadrant) => quadrant is Quadrant.LeaderAndManager or Quadrant.LeaderOnly;
}

/// <summary>The two groups the product is about (PRODUCT.md, "How the numbers are computed" 7); for reportable subjects only.</summary>
public static class SeedGroups
{
    /// <summary>managersWhoArentLeaders: isManager and low leadership.</summary>
    public static bool IsManagerWhoIsntLeader(bool isManager, Quadrant q) => isManager && !Quadrants.IsHighLeadership(q);

    /// <summary>leadersWhoArentManagers: not isManager and high leadership.</summary>
    public static bool IsLeaderWhoIsntManager(bool isManager, Quadrant q) => !isManager && Quadrants.IsHighLeadership(q);
}
