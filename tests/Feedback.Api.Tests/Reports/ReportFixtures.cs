using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

/// <summary>A cycle with the default catalog (5 leadership behaviors, 3 management) and sheet builders.</summary>
internal static class ReportFixtures
{
    public static readonly string[] LeadershipKeys =
        ["active-listening", "empathy", "guiding-conversations", "implementing-vision", "building-trust"];

    public static readonly string[] ManagementKeys = ["organizing-projects", "managing-resources", "directing-workflows"];

    public static ReportCycle Cycle(int k = 3, int scaleMin = 1, int scaleMax = 5) => new(
        scaleMin, scaleMax, k,
        [
            .. LeadershipKeys.Select(key => new CycleBehaviorRef(key, Dimension.Leadership)),
            .. ManagementKeys.Select(key => new CycleBehaviorRef(key, Dimension.Management)),
        ]);

    /// <summary>A leadership sheet: one score (or null) per leadership behavior, in catalog order.</summary>
    public static Dictionary<string, int?> L(params int?[] scores) => Sheet(LeadershipKeys, scores);

    /// <summary>A management sheet: one score (or null) per management behavior, in catalog order.</summary>
    public static Dictionary<string, int?> M(params int?[] scores) => Sheet(ManagementKeys, scores);

    public static Dictionary<string, int?> AllL(int score) => L(score, score, score, score, score);

    public static Dictionary<string, int?> AllM(int score) => M(score, score, score);

    public static RaterInput Rater(Relationship relationship, int? leadership, int? management) =>
        new(relationship, leadership is int l ? AllL(l) : null, management is int m ? AllM(m) : null);

    public static IEnumerable<RaterInput> Many(Relationship relationship, int count, int? leadership = 4, int? management = 3) =>
        Enumerable.Range(0, count).Select(_ => Rater(relationship, leadership, management));

    public static readonly byte[] Key = "comment-order-test-key"u8.ToArray();

    private static Dictionary<string, int?> Sheet(string[] keys, int?[] scores)
    {
        if (keys.Length != scores.Length)
        {
            throw new ArgumentException($"Expected {keys.Length} scores.", nameof(scores));
        }

        return keys.Zip(scores).ToDictionary(p => p.First, p => p.Second);
    }
}

/// <summary>Double comparisons with a tolerance: the API does not round and neither do the expectations.</summary>
internal static class Near
{
    public const double Tolerance = 1e-9;

    // Student t quantiles t(0.975, df) from a table, to 10+ digits: ci95 expectations are compared to 1e-6.
    public const double T1 = 12.706204736;
    public const double T2 = 4.302652730;
    public const double T3 = 3.182446305;
    public const double T5 = 2.570581836;
    public const double T7 = 2.364624252;

    public static void Equal(double expected, double? actual, double tolerance = Tolerance)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - tolerance, expected + tolerance);
    }

    public static void Ci(double low, double high, double[]? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(2, actual.Length);
        Equal(low, actual[0], 1e-6);
        Equal(high, actual[1], 1e-6);
    }
}
