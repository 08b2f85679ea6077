using CsCheck;
using Feedback.Api.Domain;

namespace Feedback.Api.Tests.Assignments;

/// <summary>Over random org charts and caps: the plan's invariants, checked independently of how it was built.</summary>
public sealed class AssignmentPlannerPropertyTests
{
    private static readonly Relationship[] Generatable = [Relationship.Self, Relationship.Manager, Relationship.DirectReport, Relationship.Peer];

    // Person i's manager is one of 0..i-1 (or none), so the chart is a forest; about one in six is inactive.
    private static readonly Gen<List<OrgChartPerson>> ChartGen =
        Gen.Int[1, 60].SelectMany(n => Gen.Select(Gen.Int[0, 1000].Array[n], Gen.Int[0, 5].Array[n], (managers, active) =>
        {
            var ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToArray();
            return Enumerable.Range(0, n)
                .Select(i => new OrgChartPerson(ids[i], $"p{i:D3}", i == 0 || managers[i] % 5 == 0 ? null : ids[managers[i] % i], active[i] != 0))
                .ToList();
        }));

    private static readonly Gen<AssignmentPlanRules> RulesGen =
        Gen.Select(Gen.Int[1, 15], Gen.Int[0, 6], Gen.Int[1, 8], (mask, peers, perRater) =>
            new AssignmentPlanRules(Generatable.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet(), peers, perRater));

    [Fact]
    public void PlansRespectTheOrgChartAndBothCaps_AndASecondRunAddsNothing()
    {
        Gen.Select(ChartGen, RulesGen).Sample((chart, rules) =>
        {
            var plan = AssignmentPlanner.Plan(chart, chart.Select(p => p.Id).ToList(), [], rules);

            Assert.Equal(plan.New.Count, plan.New.Select(p => (p.Subject.Id, p.Rater.Id)).Distinct().Count());
            foreach (var pair in plan.New)
            {
                Assert.True(pair.Subject.Active && pair.Rater.Active);
                Assert.Contains(pair.Relationship, rules.Relationships);
                Assert.True(pair.Relationship switch
                {
                    Relationship.Self => pair.Rater == pair.Subject,
                    Relationship.Manager => pair.Subject.ManagerId == pair.Rater.Id,
                    Relationship.DirectReport => pair.Rater.ManagerId == pair.Subject.Id,
                    Relationship.Peer => pair.Rater != pair.Subject && pair.Rater.ManagerId is not null && pair.Rater.ManagerId == pair.Subject.ManagerId,
                    _ => false,
                });
            }

            Assert.All(plan.New.CountBy(p => p.Rater.Id), c => Assert.InRange(c.Value, 1, rules.MaxAssignmentsPerRater));
            Assert.All(plan.New.Where(p => p.Relationship == Relationship.Peer).CountBy(p => p.Subject.Id),
                c => Assert.InRange(c.Value, 1, rules.MaxPeersPerSubject));
            // Someone is reported capped exactly when they hold the maximum.
            Assert.All(plan.CappedRaters, c => Assert.Equal(rules.MaxAssignmentsPerRater, plan.New.Count(p => p.Rater == c.Rater)));

            var again = AssignmentPlanner.Plan(chart, chart.Select(p => p.Id).ToList(),
                plan.New.Select(p => new ExistingPair(p.Subject.Id, p.Rater.Id, p.Relationship)).ToList(), rules);
            Assert.Empty(again.New);
            Assert.Equal(plan.New.Count, again.SkippedExisting);
        }, iter: 500, threads: 1);
    }
}
