using Feedback.Api.Domain;
using static Feedback.Api.Domain.Relationship;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>
/// A small organization with one closed cycle whose figures are worked out by hand below. Threshold k = 3, scale 1..5
/// (A = 5, so rwg's uniform variance (A²−1)/12 = 2). Leadership behaviors [active-listening, empathy, building-trust]
/// (a rater's score is valid with ≥ ceil(3/2) = 2 scored), management [organizing-projects, directing-workflows] (≥ 1).
/// </summary>
public static class ReportScenario
{
    // Student t quantiles t(0.975, df), from tables.
    public const double T2 = 4.302653;
    public const double T3 = 3.182446;
    public const double T4 = 2.776445;
    public const double T5 = 2.570582;

    public static readonly SeedPerson[] People =
    [
        new("boss", "Boss", "Exec"),
        new("alice", "Alice Adams", "Eng", "boss"),
        new("bob", "Bob Brown", "Eng", "boss"),
        new("carol", "Carol Chen", "Sales", "boss"),
        new("dave", "Dave Diaz", "Eng", "alice"),
        new("erin", "Erin Evans", "Eng", "alice"),
        new("frank", "Frank Fox", "Eng", "bob", Active: false), // bob's only report is inactive: bob is not a manager
        new("gina", "Gina Gray", "Sales", "carol"),
        new("henry", "Aaron Henry", "Sales"),
        new("ivan", "Ivan Ives", "Sales"),
        new("jack", "Jones, Jack", "Sales"), // a comma: quoted in CSV
        new("p1", "Pat One", "Pool"),
        new("p2", "Pat Two", "Pool"),
        new("p3", "Pat Three", "Pool"),
        new("p4", "Pat Four", "Pool"),
        new("p5", "Pat Five", "Pool"),
    ];

    public static readonly SeedRating[] Ratings =
    [
        // alice — the detailed person report. Counted raters (both sheets valid): boss, p1, p2, p3, dave, erin.
        //   self:  L [5,4,–] → 2 of 3 scored, valid, 4.5;  M [3,3] → 3;  self gap 1.5. Its comment is never shown.
        //   boss (manager): L 4, M 3, g 1          p1: L (4+5+3)/3 = 4, M 2 (1 of 2 scored, valid), g 2
        //   p2: L 3, M 3, g 0                      p3: L (2+3+4)/3 = 3, M 3.5, g −0.5
        //   p4: L [5,4,–] valid but no M sheet → not counted: neither its scores nor its comment appear anywhere
        //   dave (directReport): L 14/3, M 4, g 2/3     erin (directReport): L 4, M 3.5, g 0.5
        //   → others over 6: L 34/9, M 19/6, gap 11/18 (= L − M)
        new("alice", "alice", Self, [5, 4, null], [3, 3], LComment: "I try hard"),
        new("alice", "boss", Manager, [4, 4, 4], [3, 3], LComment: "Clear direction"),
        new("alice", "p1", Peer, [4, 5, 3], [2, null], MComment: "   "),
        new("alice", "p2", Peer, [3, 3, 3], [3, 3], MComment: "Plans well"),
        new("alice", "p3", Peer, [2, 3, 4], [3, 4]),
        new("alice", "p4", Peer, [5, 4, null], null, LComment: "Only one sheet"),
        new("alice", "dave", DirectReport, [5, 5, 4], [4, 4]),
        new("alice", "erin", DirectReport, [4, 4, 4], [4, 3], LComment: "Listens, really"),

        // bob: L 4, 4, 5 → 13/3; M 2, 2, 2 → 2; gaps 2, 2, 3 → 7/3, sd √(1/3), ci 7/3 ± T2·(1/3) → [0.899, 3.768]: significant.
        new("bob", "p1", Peer, [4, 4, 4], [2, 2]),
        new("bob", "p2", Peer, [4, 4, 4], [2, 2]),
        new("bob", "p3", Peer, [5, 5, 5], [2, 2]),

        // carol: L 2, 3, 2 → 7/3; M 4, 4, 5 → 13/3; gaps −2, −1, −3 → −2, sd 1, ci −2 ± T2/√3 → [−4.484, 0.484].
        new("carol", "p1", Peer, [2, 2, 2], [4, 4]),
        new("carol", "p2", Peer, [3, 3, 3], [4, 4]),
        new("carol", "p3", Peer, [2, 2, 2], [5, 5]),

        // dave and ivan (identical, to test ties): L 3; M 2.5, 2, 3 → 2.5; gaps 0.5, 1, 0 → 0.5, sd 0.5,
        // ci 0.5 ± T2·0.5/√3 → [−0.742, 1.742].
        new("dave", "p1", Peer, [3, 3, 3], [2, 3]),
        new("dave", "p2", Peer, [3, 3, 3], [2, 2]),
        new("dave", "p3", Peer, [3, 3, 3], [3, 3]),
        new("ivan", "p1", Peer, [3, 3, 3], [2, 3]),
        new("ivan", "p2", Peer, [3, 3, 3], [2, 2]),
        new("ivan", "p3", Peer, [3, 3, 3], [3, 3]),

        // erin: 2 counted others < k → suppressed (self 3, 3, gap 0 remains).
        new("erin", "erin", Self, [3, 3, 3], [3, 3]),
        new("erin", "p1", Peer, [4, 4, 4], [4, 4]),
        new("erin", "p2", Peer, [4, 4, 4], [4, 4]),

        // gina: p3 sent only a leadership sheet → 2 counted < k → suppressed.
        new("gina", "p1", Peer, [4, 4, 4], [3, 3]),
        new("gina", "p2", Peer, [4, 4, 4], [3, 3]),
        new("gina", "p3", Peer, [4, 4, 4], null),

        // henry and jack (identical, to test ties): p1..p3 counted: L 4, M 3, gaps 1, 1, 1 → sd 0, ci [1, 1]: significant.
        // p4 (leadership only) and p5 (management only) are not counted.
        new("henry", "p1", Peer, [4, 4, 4], [3, 3]),
        new("henry", "p2", Peer, [4, 4, 4], [3, 3]),
        new("henry", "p3", Peer, [4, 4, 4], [3, 3]),
        new("henry", "p4", Peer, [5, 5, 5], null),
        new("henry", "p5", Peer, null, [1, 1]),
        new("jack", "p1", Peer, [4, 4, 4], [3, 3]),
        new("jack", "p2", Peer, [4, 4, 4], [3, 3]),
        new("jack", "p3", Peer, [4, 4, 4], [3, 3]),
        new("jack", "p4", Peer, [5, 5, 5], null),
        new("jack", "p5", Peer, null, [1, 1]),
    ];

    // Reportable (= not suppressed): alice (34/9, 19/6, 11/18), bob (13/3, 2, 7/3), carol (7/3, 13/3, −2),
    // dave and ivan (3, 2.5, 0.5), henry and jack (4, 3, 1). Not: erin, gina (suppressed). Subjects 9, reportable 7.
    // Median L: 7/3, 3, 3, [34/9], 4, 4, 13/3 → 34/9.  Median M: 2, 2.5, 2.5, [3], 3, 19/6, 13/3 → 3.
    // Quadrants (high = ≥ median): alice high/high (ties L) → leaderAndManager; bob high/low → leaderOnly;
    // carol low/high → managerOnly; dave, ivan low/low → developing; henry, jack high/high (tie M) → leaderAndManager.
    // managersWhoArentLeaders (isManager, low L): carol → 1 (alice manages dave/erin but is high; bob's report is inactive).
    // leadersWhoArentManagers (not isManager, high L): bob, henry, jack → 3.
    // meanGap: (11/18 + 7/3 − 2 + 0.5 + 0.5 + 1 + 1) / 7 = (11 + 42 − 36 + 9 + 9 + 18 + 18)/18 / 7 = 71/126.
    public const double MedianLeadership = 34.0 / 9;
    public const double MedianManagement = 3;
    public const double MeanGap = 71.0 / 126;

    public static readonly Dictionary<string, string[]> SortOrders = new()
    {
        ["gap"] = ["carol", "dave", "ivan", "alice", "henry", "jack", "bob"], // −2, 0.5, 0.5, 11/18, 1, 1, 7/3
        ["-gap"] = ["bob", "henry", "jack", "alice", "dave", "ivan", "carol"],
        ["leadership"] = ["carol", "dave", "ivan", "alice", "henry", "jack", "bob"], // 7/3, 3, 3, 34/9, 4, 4, 13/3
        ["-leadership"] = ["bob", "henry", "jack", "alice", "dave", "ivan", "carol"],
        ["management"] = ["bob", "dave", "ivan", "henry", "jack", "alice", "carol"], // 2, 2.5, 2.5, 3, 3, 19/6, 13/3
        ["-management"] = ["carol", "alice", "henry", "jack", "dave", "ivan", "bob"],
        ["name"] = ["henry", "alice", "bob", "carol", "dave", "ivan", "jack"], // Aaron Henry, Alice Adams, … Jones, Jack
    };

    /// <summary>A fresh organization with the scenario's cycle, closed.</summary>
    public static async Task<(TestOrganization Org, Guid CycleId)> BuildClosedAsync(FeedbackApiFactory api)
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(People);
        var cycleId = await org.CreateOpenCycleAsync("2026 H1");
        await org.RateAsync(cycleId, Ratings);
        await org.CloseCycleAsync(cycleId);
        return (org, cycleId);
    }

    public static void Near(double expected, JsonElement actual, double tolerance = 1e-6) =>
        Assert.True(actual.ValueKind == JsonValueKind.Number && Math.Abs(actual.GetDouble() - expected) <= tolerance,
            $"expected {expected}, got {actual}");

    /// <summary>A shown statistic: score, n, sd, ci95 = score ± t·sd/√n, and (for a dimension) rwg = 1 − sd²/2.</summary>
    public static void Statistic(JsonElement actual, double score, int n, double variance, double t, bool? significant = null)
    {
        var sd = Math.Sqrt(variance);
        Near(score, actual.GetProperty("score"));
        Assert.Equal(n, actual.GetProperty("n").GetInt32());
        Near(sd, actual.GetProperty("sd"));
        var half = t * sd / Math.Sqrt(n);
        Near(score - half, actual.GetProperty("ci95")[0], 1e-5);
        Near(score + half, actual.GetProperty("ci95")[1], 1e-5);
        if (significant is null)
        {
            Near(Math.Max(0, 1 - (variance / 2)), actual.GetProperty("agreement"));
        }
        else
        {
            Assert.Equal(significant.Value, actual.GetProperty("significant").GetBoolean());
        }
    }
}
