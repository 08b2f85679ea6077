using System.Security.Cryptography;
using System.Text;
using Feedback.Api.Domain;

namespace Feedback.Api.Tests.Assignments;

public sealed class AssignmentPlannerTests
{
    private static readonly Relationship[] All = [Relationship.Self, Relationship.Manager, Relationship.DirectReport, Relationship.Peer];

    /// <summary>boss ← lead ← {ann, bob, cid}; boss ← solo. Managers before reports.</summary>
    private static readonly (string Id, string? Manager)[] SmallOrg =
        [("boss", null), ("lead", "boss"), ("solo", "boss"), ("ann", "lead"), ("bob", "lead"), ("cid", "lead")];

    private static List<OrgChartPerson> Chart(IEnumerable<(string Id, string? Manager)> people, params string[] inactive)
    {
        var ids = new Dictionary<string, Guid>();
        var chart = new List<OrgChartPerson>();
        foreach (var (id, manager) in people)
        {
            ids[id] = Guid.NewGuid();
            chart.Add(new OrgChartPerson(ids[id], id, manager is null ? null : ids[manager], !inactive.Contains(id)));
        }

        return chart;
    }

    private static AssignmentPlan Plan(
        List<OrgChartPerson> chart, Relationship[]? relationships = null, int maxPeers = 4, int maxPerRater = 10,
        IReadOnlyCollection<ExistingPair>? existing = null, IEnumerable<string>? subjects = null) =>
        AssignmentPlanner.Plan(
            chart,
            subjects is null ? chart.Select(p => p.Id).ToList() : chart.Where(p => subjects.Contains(p.ExternalId)).Select(p => p.Id).ToList(),
            existing ?? [],
            new AssignmentPlanRules((relationships ?? All).ToHashSet(), maxPeers, maxPerRater));

    private static string[] Pairs(AssignmentPlan plan) =>
        plan.New.Select(p => $"{p.Rater.ExternalId}→{p.Subject.ExternalId}:{p.Relationship}").ToArray();

    private static List<ExistingPair> AsExisting(AssignmentPlan plan) =>
        plan.New.Select(p => new ExistingPair(p.Subject.Id, p.Rater.Id, p.Relationship)).ToList();

    [Fact]
    public void Self_HasEveryActiveSubjectRateThemself()
    {
        var plan = Plan(Chart(SmallOrg, "solo"), [Relationship.Self]);

        Assert.Equal(["ann→ann:Self", "bob→bob:Self", "boss→boss:Self", "cid→cid:Self", "lead→lead:Self"], Pairs(plan));
    }

    [Fact]
    public void Manager_HasTheSubjectsActiveManagerRateThem()
    {
        var plan = Plan(Chart(SmallOrg, "boss"), [Relationship.Manager]);

        // boss has no manager; lead's and solo's manager (boss) is inactive.
        Assert.Equal(["lead→ann:Manager", "lead→bob:Manager", "lead→cid:Manager"], Pairs(plan));
    }

    [Fact]
    public void DirectReport_HasEachActiveDirectReportRateTheirManager()
    {
        var plan = Plan(Chart(SmallOrg, "bob"), [Relationship.DirectReport]);

        Assert.Equal(["lead→boss:DirectReport", "solo→boss:DirectReport", "ann→lead:DirectReport", "cid→lead:DirectReport"], Pairs(plan));
    }

    [Fact]
    public void Peer_HasOthersWithTheSameManagerRateTheSubject()
    {
        var plan = Plan(Chart(SmallOrg), [Relationship.Peer]);

        Assert.Equal(
            ["bob→ann:Peer", "cid→ann:Peer", "ann→bob:Peer", "cid→bob:Peer", "ann→cid:Peer", "bob→cid:Peer", "solo→lead:Peer", "lead→solo:Peer"],
            Pairs(plan));
        Assert.Empty(plan.CappedSubjects);
        Assert.Empty(plan.CappedRaters);
    }

    [Fact]
    public void InactivePeople_NeitherRateNorAreRated()
    {
        var plan = Plan(Chart(SmallOrg, "bob", "lead"));

        Assert.DoesNotContain(plan.New, p => p.Subject.ExternalId is "bob" or "lead" || p.Rater.ExternalId is "bob" or "lead");
        // ann and cid still share a manager, though the manager is inactive.
        Assert.Contains("cid→ann:Peer", Pairs(plan));
    }

    [Fact]
    public void OnlyTheNamedSubjectsAreRated()
    {
        var plan = Plan(Chart(SmallOrg), subjects: ["ann"]);

        Assert.Equal(["ann→ann:Self", "bob→ann:Peer", "cid→ann:Peer", "lead→ann:Manager"], Pairs(plan));
    }

    [Fact]
    public void PeerCap_LimitsPeersPerSubject_AndReportsTheSubjects()
    {
        var team = new List<(string, string?)> { ("m", null) };
        team.AddRange(Enumerable.Range(1, 6).Select(i => ($"p{i}", (string?)"m")));

        var plan = Plan(Chart(team), [Relationship.Peer], maxPeers: 2);

        Assert.All(plan.New.GroupBy(p => p.Subject.ExternalId), g => Assert.Equal(2, g.Count()));
        Assert.Equal(6, plan.CappedSubjects.Count);
        Assert.All(plan.CappedSubjects, c => Assert.Equal((5, 2), (c.PeersAvailable, c.PeersAssigned)));
        // Least-loaded first: 12 peer requests over 6 raters is exactly 2 each.
        Assert.All(plan.New.GroupBy(p => p.Rater.ExternalId), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void RaterCap_KeepsTheMoreImportantPairs_AndReportsWhoWasCapped()
    {
        // lead: self (1), manager of ann/bob/cid (3), direct report of boss (1), peer of solo (1) = 6 asked for.
        var plan = Plan(Chart(SmallOrg), maxPerRater: 4);

        var lead = plan.New.Where(p => p.Rater.ExternalId == "lead").Select(p => p.Relationship).Order().ToArray();
        Assert.Equal([Relationship.Self, Relationship.Manager, Relationship.Manager, Relationship.Manager], lead);
        Assert.Contains(plan.CappedRaters, c => c.Rater.ExternalId == "lead" && c.Skipped == 2);
        Assert.All(plan.New.CountBy(p => p.Rater.Id), c => Assert.InRange(c.Value, 1, 4));
    }

    [Fact]
    public void RaterCap_PrefersDirectReportOverPeer()
    {
        // ann is asked to rate lead (directReport), bob and cid (peers); bob and cid come first by externalId, yet with a
        // cap of 1 the directReport pair wins because each relationship is planned for every subject before the next.
        var plan = Plan(Chart(SmallOrg), maxPerRater: 1, subjects: ["lead", "bob", "cid"]);

        Assert.Equal(["ann→lead:DirectReport"], Pairs(plan).Where(p => p.StartsWith("ann→", StringComparison.Ordinal)).ToArray());
        Assert.Contains(plan.CappedRaters, c => c.Rater.ExternalId == "ann" && c.Skipped == 2);
    }

    [Fact]
    public void ExistingPairs_AreSkipped_AndCountTowardBothCaps()
    {
        var chart = Chart(SmallOrg);
        var id = chart.ToDictionary(p => p.ExternalId, p => p.Id);
        List<ExistingPair> existing =
        [
            new(id["ann"], id["bob"], Relationship.Other), // a pair by hand, as another relationship
            new(id["boss"], id["cid"], Relationship.Other),
            new(id["solo"], id["cid"], Relationship.Other),
        ];

        var plan = Plan(chart, [Relationship.Self, Relationship.Peer], maxPeers: 1, maxPerRater: 3, existing: existing);

        Assert.DoesNotContain("bob→ann:Peer", Pairs(plan));
        Assert.Equal(1, plan.SkippedExisting);
        // cid already rates two people, so has room for self only.
        Assert.Equal(["cid→cid:Self"], Pairs(plan).Where(p => p.StartsWith("cid→", StringComparison.Ordinal)).ToArray());
        Assert.Contains(plan.CappedRaters, c => c.Rater.ExternalId == "cid");
    }

    [Fact]
    public void ExistingPeerAssignments_CountTowardThePeerCap()
    {
        var chart = Chart(SmallOrg);
        var id = chart.ToDictionary(p => p.ExternalId, p => p.Id);

        var plan = Plan(chart, [Relationship.Peer], maxPeers: 1, existing: [new(id["ann"], id["cid"], Relationship.Peer)]);

        Assert.DoesNotContain(plan.New, p => p.Subject.ExternalId == "ann");
        Assert.Contains(plan.CappedSubjects, c => c.Subject.ExternalId == "ann" && c.PeersAvailable == 2 && c.PeersAssigned == 1);
    }

    [Fact]
    public void RunningThePlanAgainOverItsOwnResult_CreatesNothing_AndReportsTheSameCaps()
    {
        var chart = Chart(BigOrg(120));
        var first = Plan(chart, maxPeers: 3, maxPerRater: 5);

        var second = Plan(chart, maxPeers: 3, maxPerRater: 5, existing: AsExisting(first));

        Assert.NotEmpty(first.CappedRaters);
        Assert.Empty(second.New);
        Assert.Equal(first.New.Count + first.SkippedExisting, second.SkippedExisting);
        Assert.Equal(Describe(first.CappedSubjects), Describe(second.CappedSubjects));
        Assert.Equal(first.CappedRaters.Select(c => c.Rater.ExternalId), second.CappedRaters.Select(c => c.Rater.ExternalId));

        static string[] Describe(IEnumerable<CappedSubject> subjects) =>
            subjects.Select(c => $"{c.Subject.ExternalId}:{c.PeersAvailable}:{c.PeersAssigned}").ToArray();
    }

    [Fact]
    public void IsDeterministic_WhateverTheRowOrderAndTheDatabaseIds()
    {
        var people = BigOrg(200);
        var first = Plan(Chart(people), maxPeers: 2, maxPerRater: 6);

        // Fresh Guids and the people in another order (managers still first, reports shuffled within).
        var shuffled = people.Take(1).Concat(people.Skip(1).OrderBy(p => AssignmentPlanner.PairHash("shuffle", p.Id))).ToList();
        var second = Plan(Chart(shuffled.OrderBy(p => Depth(people, p.Id)).ToList()), maxPeers: 2, maxPerRater: 6);

        Assert.Equal(Pairs(first), Pairs(second));
        Assert.Equal(first.SkippedExisting, second.SkippedExisting);
    }

    [Fact]
    public void PeersAreChosenByTheStableHash_WhenLoadsAreEqual()
    {
        var chart = Chart([("m", null), ("s", "m"), ("a", "m"), ("b", "m"), ("c", "m")]);

        var plan = Plan(chart, [Relationship.Peer], maxPeers: 1, subjects: ["s"]);

        var expected = new[] { "a", "b", "c" }.MinBy(r => AssignmentPlanner.PairHash("s", r));
        Assert.Equal([$"{expected}→s:Peer"], Pairs(plan));
    }

    [Fact]
    public void PairHash_IsTheFirst8BytesOfSha256OfBothIds()
    {
        var sha = SHA256.HashData(Encoding.UTF8.GetBytes("ann\nbob"));
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sha), AssignmentPlanner.PairHash("ann", "bob"));
        Assert.NotEqual(AssignmentPlanner.PairHash("ann", "bob"), AssignmentPlanner.PairHash("bob", "ann"));
    }

    /// <summary>A tree of n people, each manager with up to 7 reports, managers first.</summary>
    internal static List<(string Id, string? Manager)> BigOrg(int n) =>
        Enumerable.Range(0, n).Select(i => ($"e{i:D5}", i == 0 ? null : $"e{(i - 1) / 7:D5}")).ToList();

    private static int Depth(List<(string Id, string? Manager)> people, string id)
    {
        var managers = people.ToDictionary(p => p.Id, p => p.Manager);
        var depth = 0;
        for (var m = managers[id]; m is not null; m = managers[m])
        {
            depth++;
        }

        return depth;
    }
}
