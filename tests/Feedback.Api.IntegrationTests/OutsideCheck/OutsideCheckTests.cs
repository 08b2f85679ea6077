using System.Globalization;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// The outside check: a random organization driven only through the HTTP API as API.md describes it, every report
/// figure recomputed by an independent reference written from PRODUCT.md, and an attacker who solves the shown
/// figures as linear equations. See <see cref="OutsideScenario"/>, <see cref="RefPersonReport"/>, <see cref="AttackerView"/>.
/// </summary>
public sealed class OutsideCheckTests(OutsideCheckFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<OutsideCheckFixture>
{
    private OutsideScenario Scenario => fixture.Scenario;

    private OutsideHttp Http => fixture.Http;

    [Fact]
    public async Task EveryPersonReport_MatchesTheReferenceComputedFromProductMd()
    {
        var d = new Differences(fixture.Describe);
        foreach (var run in Scenario.Cycles)
        {
            foreach (var (subject, expected) in run.Reference.People)
            {
                PersonReportCheck.Compare(d, expected, fixture.PersonReports[(run.Definition.Id, subject)]);
            }

            // Not a subject of the cycle (but a person) → 404; so is a person who does not exist.
            await Http.GetAsync(Scenario.ReportsKey, $"/v1/cycles/{run.Definition.Id}/reports/people/{OutsideScenario.NeverASubject}", HttpStatusCode.NotFound);
            await Http.GetAsync(Scenario.ReportsKey, $"/v1/cycles/{run.Definition.Id}/reports/people/nobody-at-all", HttpStatusCode.NotFound);
        }

        d.AssertNone();
        AssertTheScenarioExercisedEveryRule();
    }

    [Fact]
    public async Task GapReport_EverySortPageFilterAndTheCsv_MatchTheReference()
    {
        var d = new Differences(fixture.Describe);
        var rng = new ScenarioRandom(Scenario.Seed + 1);
        var key = Scenario.ReportsKey;
        foreach (var run in Scenario.Cycles)
        {
            var reference = run.Reference;
            var url = $"/v1/cycles/{run.Definition.Id}/reports/gaps";
            var at = $"cycle {run.Definition.Name} gap report";

            foreach (var sort in ReferenceCycleReport.Sorts)
            {
                var limit = rng.Int(1, 9);
                var items = await Http.GetAllPagesAsync(key, $"{url}?sort={Uri.EscapeDataString(sort)}", limit,
                    page => CompareSummary(d, $"{at} sort={sort} limit={limit} page", reference, page));
                CompareItems(d, $"{at} sort={sort} limit={limit}", reference.Items(sort), items);
            }

            // No sort = gap; one page of everything.
            var whole = await Http.GetAsync(key, $"{url}?limit=200");
            Assert.True(reference.Reportable.Count <= 200);
            CompareItems(d, $"{at} (default sort)", reference.Items("gap"), whole.GetProperty("items").EnumerateArray().ToList());
            Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);

            // Filters: the summary stays the whole cycle's; items are the filtered rows.
            var departments = reference.People.Values.Select(p => p.Subject.Department).Where(x => x is not null).Distinct().Append("No such department");
            var filters = departments.Select(dep => (Query: $"department={Uri.EscapeDataString(dep!)}", Department: dep, IsManager: (bool?)null, Quadrant: (string?)null))
                .Concat([("isManager=true", null, true, null), ("isManager=false", null, false, null)])
                .Concat(ReferenceCycleReport.QuadrantNames.Select(q => ($"quadrant={q}", (string?)null, (bool?)null, (string?)q)))
                .Append(("isManager=true&quadrant=developing", null, true, "developing"));
            foreach (var (query, department, isManager, quadrant) in filters)
            {
                var sort = rng.Pick(ReferenceCycleReport.Sorts);
                var limit = rng.Int(2, 12);
                var items = await Http.GetAllPagesAsync(key, $"{url}?{query}&sort={Uri.EscapeDataString(sort)}", limit,
                    page => CompareSummary(d, $"{at} {query} page", reference, page));
                CompareItems(d, $"{at} {query} sort={sort}", reference.Items(sort, department, isManager, quadrant), items);
            }

            // CSV: every filtered row in sort order, limit and cursor ignored.
            await CompareCsvAsync(d, $"{at} CSV", $"{url}?limit=1", reference.Items("gap"));
            var csvSort = rng.Pick(ReferenceCycleReport.Sorts);
            await CompareCsvAsync(d, $"{at} CSV isManager=false sort={csvSort}", $"{url}?isManager=false&sort={Uri.EscapeDataString(csvSort)}", reference.Items(csvSort, isManager: false));

            // The documented 400s.
            foreach (var bad in new[] { "sort=score", "limit=0", "limit=201", "cursor=not-a-cursor", "isManager=maybe", "quadrant=leader" })
            {
                var (status, body) = await Http.SendRawAsync(key, HttpMethod.Get, $"{url}?{bad}", null);
                if (status != HttpStatusCode.BadRequest)
                {
                    d.Note(at, $"GET ?{bad}: expected 400, got {(int)status} {body}");
                }
            }
        }

        d.AssertNone();
    }

    [Fact]
    public async Task ProgressAndTrend_MatchWhatWasAssignedAndSubmitted()
    {
        var d = new Differences(fixture.Describe);
        foreach (var run in Scenario.Cycles)
        {
            var at = $"cycle {run.Definition.Name} progress";
            var items = await Http.GetAllPagesAsync(Scenario.ReportsKey, $"/v1/cycles/{run.Definition.Id}/progress", 7);
            var shown = items.ToDictionary(i => i.GetProperty("subjectExternalId").GetString()!);
            foreach (var subject in run.Assignments.GroupBy(a => a.Subject))
            {
                if (!shown.TryGetValue(subject.Key, out var item))
                {
                    d.Note(at, $"subject {subject.Key} missing");
                    continue;
                }

                var where = $"{at}, subject {subject.Key}";
                CompareCounts(d, where, "assigned", item, subject.GroupBy(a => a.Relationship).ToDictionary(g => g.Key, g => g.Count()));
                CompareCounts(d, where, "submitted", item, subject.Where(a => a.Submissions.Count > 0).GroupBy(a => a.Relationship).ToDictionary(g => g.Key, g => g.Count()));
                CompareCounts(d, where, "responders", item, subject.Where(a => IsResponder(a, run.Definition)).GroupBy(a => a.Relationship).ToDictionary(g => g.Key, g => g.Count()));
            }

            if (shown.Count != run.Reference.People.Count)
            {
                d.Add(at, "items (subjects)", run.Reference.People.Count, shown.Count);
            }
        }

        foreach (var person in Scenario.Org.People.Keys.Order(StringComparer.Ordinal))
        {
            var at = $"trend of {person}";
            var trend = (await Http.GetAsync(Scenario.ReportsKey, $"/v1/people/{person}/reports/trend")).EnumerateArray().ToList();
            var expected = Scenario.Cycles.Where(c => c.Reference.People.ContainsKey(person)).OrderBy(c => c.ClosedAt).ToList();
            if (trend.Count != expected.Count)
            {
                d.Add(at, "entries", expected.Count, trend.Count);
                continue;
            }

            for (var i = 0; i < expected.Count; i++)
            {
                var run = expected[i];
                var report = run.Reference.People[person];
                var entry = trend[i];
                var where = $"{at}[{i}]";
                d.Text(where, "cycleId", entry, run.Definition.Id);
                d.Text(where, "cycleName", entry, run.Definition.Name);
                if (!entry.TryGetProperty("closedAt", out var closedAt) || closedAt.ValueKind != JsonValueKind.String || closedAt.GetDateTimeOffset() != run.ClosedAt)
                {
                    d.Add(where, "closedAt", run.ClosedAt.ToString("O", CultureInfo.InvariantCulture), entry.TryGetProperty("closedAt", out var c) ? c.GetRawText() : "missing");
                }

                d.Boolean(where, "suppressed", entry, report.Suppressed);
                d.Number(where, "leadership", entry, report.OthersLeadership?.Score);
                d.Number(where, "management", entry, report.OthersManagement?.Score);
                PersonReportCheck.Gap(d, where, "gap", entry, report.OthersGap);
            }
        }

        await Http.GetAsync(Scenario.ReportsKey, "/v1/people/nobody-at-all/reports/trend", HttpStatusCode.NotFound);
        Assert.Empty((await Http.GetAsync(Scenario.ReportsKey, $"/v1/people/{OutsideScenario.NeverASubject}/reports/trend")).EnumerateArray());
        d.AssertNone();
    }

    [Fact]
    public void NoCombinationOfTheShownFigures_IsSupportedOnFewerThanKRaters()
    {
        var violations = new List<string>();
        var checkedReports = 0;
        foreach (var run in Scenario.Cycles)
        {
            foreach (var (subject, reference) in run.Reference.People)
            {
                violations.AddRange(AttackerView.Violations(reference, fixture.PersonReports[(run.Definition.Id, subject)]));
                checkedReports += reference.Suppressed ? 0 : 1;
            }
        }

        Assert.True(checkedReports >= 100, $"only {checkedReports} reportable reports to attack");
        Assert.True(violations.Count == 0, $"{fixture.Describe}: {violations.Count} way(s) to single out raters:\n  " + string.Join("\n  ", violations.Take(40)));
    }

    private static bool IsResponder(PlannedAssignment a, RefCycle cycle) =>
        RefPersonReport.RaterScore(a.Final("leadership"), cycle, "leadership") is not null
        && RefPersonReport.RaterScore(a.Final("management"), cycle, "management") is not null;

    private static void CompareCounts(Differences d, string where, string field, JsonElement item, Dictionary<string, int> expected)
    {
        if (d.ObjectOrNull(where, field, item, true) is not { } counts)
        {
            return;
        }

        var actual = counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        foreach (var relationship in new[] { "self", "manager", "peer", "directReport", "other" }.Concat(actual.Keys).Distinct())
        {
            // A relationship nobody has may be 0 or left out.
            var want = expected.GetValueOrDefault(relationship);
            var got = actual.GetValueOrDefault(relationship);
            if (want != got)
            {
                d.Add(where, $"{field}.{relationship}", want, actual.TryGetValue(relationship, out var g) ? g : "missing");
            }
        }
    }

    private static void CompareSummary(Differences d, string at, ReferenceCycleReport r, JsonElement page)
    {
        d.Text(at, "cycleId", page, r.Cycle.Id);
        if (d.ObjectOrNull(at, "summary", page, true) is not { } s)
        {
            return;
        }

        d.Integer(at, "summary.subjects", s, r.People.Count);
        d.Integer(at, "summary.reportable", s, r.Reportable.Count);
        d.Number(at, "summary.medianLeadership", s, r.MedianLeadership);
        d.Number(at, "summary.medianManagement", s, r.MedianManagement);
        d.Number(at, "summary.meanGap", s, r.MeanGap);
        if (d.ObjectOrNull(at, "summary.quadrants", s, true) is { } q)
        {
            foreach (var (name, count) in r.Quadrants)
            {
                d.Integer(at, $"summary.quadrants.{name}", q, count);
            }
        }

        d.Integer(at, "summary.managersWhoArentLeaders", s, r.ManagersWhoArentLeaders);
        d.Integer(at, "summary.leadersWhoArentManagers", s, r.LeadersWhoArentManagers);
    }

    private static void CompareItems(Differences d, string at, IReadOnlyList<RefPersonReport> expected, List<JsonElement> items)
    {
        var order = items.Select(i => i.GetProperty("externalId").GetString()!).ToList();
        var wanted = expected.Select(e => e.Subject.ExternalId).ToList();
        if (!order.SequenceEqual(wanted))
        {
            var first = Enumerable.Range(0, Math.Min(order.Count, wanted.Count)).FirstOrDefault(i => order[i] != wanted[i], Math.Min(order.Count, wanted.Count));
            d.Add(at, $"items order (first difference at {first} of {wanted.Count})",
                string.Join(",", wanted.Skip(first).Take(4)), string.Join(",", order.Skip(first).Take(4)) + $" ({order.Count} items)");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var e = expected[i];
            var where = $"{at} item {e.Subject.ExternalId}";
            d.Text(where, "displayName", items[i], e.Subject.DisplayName);
            d.Text(where, "department", items[i], e.Subject.Department);
            d.Boolean(where, "isManager", items[i], e.Subject.IsManager);
            d.Number(where, "leadership", items[i], e.OthersLeadership!.Score);
            d.Number(where, "management", items[i], e.OthersManagement!.Score);
            PersonReportCheck.Gap(d, where, "gap", items[i], e.OthersGap, withSd: false);
            d.Text(where, "quadrant", items[i], e.Quadrant);
        }
    }

    private async Task CompareCsvAsync(Differences d, string at, string url, IReadOnlyList<RefPersonReport> expected)
    {
        var (status, text) = await Http.SendRawAsync(Scenario.ReportsKey, HttpMethod.Get, url, null, accept: "text/csv");
        if (status != HttpStatusCode.OK)
        {
            d.Note(at, $"expected 200, got {(int)status}: {text}");
            return;
        }

        var records = Rfc4180.Parse(text);
        string[] header = ["externalId", "displayName", "department", "isManager", "leadership", "management", "gap", "gapCiLow", "gapCiHigh", "significant", "quadrant"];
        if (records.Count == 0 || !records[0].SequenceEqual(header))
        {
            d.Add(at, "header", string.Join(",", header), records.Count == 0 ? "empty" : string.Join(",", records[0]));
            return;
        }

        var rows = records.Skip(1).ToList();
        if (rows.Count != expected.Count)
        {
            d.Add(at, "rows", expected.Count, rows.Count);
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            var row = rows[i];
            var where = $"{at} row {i + 1}";
            var gap = e.OthersGap!;
            var cells = new (string Field, string Cell, object? Want)[]
            {
                ("externalId", row[0], e.Subject.ExternalId), ("displayName", row[1], e.Subject.DisplayName), ("department", row[2], e.Subject.Department ?? ""),
                ("isManager", row[3], e.Subject.IsManager), ("leadership", row[4], e.OthersLeadership!.Score.ToDouble()), ("management", row[5], e.OthersManagement!.Score.ToDouble()),
                ("gap", row[6], gap.Score.ToDouble()), ("gapCiLow", row[7], gap.Ci95?[0]), ("gapCiHigh", row[8], gap.Ci95?[1]),
                ("significant", row[9], gap.SignificanceIsBorderline ? null : gap.Significant), ("quadrant", row[10], e.Quadrant),
            };
            foreach (var (field, cell, want) in cells)
            {
                var ok = want switch
                {
                    null => field == "significant" || cell.Length == 0,
                    bool b => bool.TryParse(cell, out var got) && got == b,
                    double x => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var got) && Differences.Close(x, got),
                    _ => cell == (string)want,
                };
                if (!ok)
                {
                    d.Add(where, field, want, cell);
                }
            }
        }
    }

    /// <summary>The random data must reach every rule, or a passing comparison would prove little.</summary>
    private void AssertTheScenarioExercisedEveryRule()
    {
        var reports = Scenario.Cycles.SelectMany(c => c.Reference.People.Values).ToList();
        var finals = Scenario.Cycles.SelectMany(c => c.Assignments.Select(a => (Cycle: c.Definition, Assignment: a))).ToList();
        var coverage = new Dictionary<string, int>
        {
            ["subjects"] = reports.Count,
            ["suppressed reports"] = reports.Count(r => r.Suppressed),
            ["reportable reports"] = reports.Count(r => !r.Suppressed),
            ["groups shown"] = reports.Sum(r => r.Groups.Count(g => !g.Suppressed)),
            ["groups hidden by complementary suppression"] = reports.Sum(r => r.Groups.Count(g => g.Suppressed && g.Responders >= r.Cycle.K && !r.Suppressed)),
            ["reportable reports with behaviorsHidden"] = reports.Count(r => !r.Suppressed && r.BehaviorsHidden.Count > 0),
            ["reportable reports where the pieces rule left raters out"] = reports.Count(r => !r.Suppressed && RefCycle.Dimensions.Any(dim =>
                r.BehaviorsHidden.Count == 0 && r.Behaviors.Where(b => b.Dimension == dim).SelectMany(b => b.Raters).Distinct().Count() < r.Counted.Count)),
            ["one-sheet raters"] = finals.Count(f => f.Assignment.Relationship != "self" && (f.Assignment.Final("leadership") is null) != (f.Assignment.Final("management") is null)),
            ["sheets below ceil(m/2)"] = finals.Sum(f => RefCycle.Dimensions.Count(dim => f.Assignment.Final(dim) is { } s && RefPersonReport.RaterScore(s, f.Cycle, dim) is null)),
            ["resubmitted sheets"] = finals.Sum(f => f.Assignment.Submissions.Count - f.Assignment.Submissions.Select(s => s.Dimension).Distinct().Count()),
            ["gaps with sd = 0"] = reports.Count(r => r.OthersGap is { Variance.Sign: 0 }),
            ["significant gaps"] = reports.Count(r => r.OthersGap is { Significant: true }),
            ["gaps not significant"] = reports.Count(r => r.OthersGap is { Significant: false }),
            ["reports with self figures"] = reports.Count(r => r.Self.Gap is not null),
            ["reports with shown comments"] = reports.Count(r => r.LeadershipComments?.Count > 0 || r.ManagementComments?.Count > 0),
            ["invalid self sheets with behavior self scores"] = reports.Count(r => r.Self.Leadership is null && r.Behaviors.Any(b => b.Dimension == "leadership" && b.Self is not null)),
            ["subjects deactivated before the close"] = Scenario.Cycles.Sum(c => c.InactiveAtClose.Count),
            ["subjects whose isManager changed after the close"] = reports.Count(r => r.Subject.IsManager != Scenario.Org.IsManager(r.Subject.ExternalId)),
            ["subjects renamed or moved department after the close"] = reports.Count(r =>
                r.Subject.DisplayName != Scenario.Org.People[r.Subject.ExternalId].DisplayName || r.Subject.Department != Scenario.Org.People[r.Subject.ExternalId].Department),
        };
        var summary = string.Join(", ", coverage.Select(c => $"{c.Key}: {c.Value}"));
        // Not a rule of PRODUCT.md, an observation: a shown distribution with every rater on one point tells each of them
        // what the others answered on that behavior (linear safety does not cover this "homogeneity" case).
        var unanimous = reports.Sum(r => r.Behaviors.Count(b => b.Distribution is { } dist && dist.Values.Count(v => v > 0) == 1));
        output.WriteLine($"{fixture.Describe}: set up in {fixture.SetupTime.TotalSeconds:F1} s ({Scenario.Submissions} sheet PUTs, "
            + $"{Scenario.Cycles.Sum(c => c.Assignments.Count)} assignments), load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}");
        output.WriteLine($"coverage: {summary}; shown behaviors with every rater on one scale point: {unanimous}");
        Assert.True(coverage.Values.All(v => v > 0), $"{fixture.Describe} left a rule unexercised ({summary})");
        Assert.True(coverage["subjects"] >= 200, summary);
    }
}
