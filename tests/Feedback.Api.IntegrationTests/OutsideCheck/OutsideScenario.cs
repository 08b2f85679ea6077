namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>One assignment as the checker made it, and the PUTs its rater made.</summary>
public sealed class PlannedAssignment
{
    public required string Subject { get; init; }

    public required string Rater { get; init; }

    public required string Relationship { get; init; }

    public Guid Id { get; set; }

    public string Token { get; set; } = "";

    public List<PlannedSubmission> Submissions { get; set; } = [];

    /// <summary>The sheet as it stood at close: the last PUT of that dimension.</summary>
    public RefSheet? Final(string dimension) => Submissions.LastOrDefault(s => s.Dimension == dimension)?.Sheet;
}

/// <summary>A cycle the checker ran to its close, with the reference's figures for it.</summary>
public sealed class CycleRun
{
    public required RefCycle Definition { get; init; }

    public List<PlannedAssignment> Assignments { get; } = [];

    public DateTimeOffset ClosedAt { get; set; }

    public ReferenceCycleReport Reference { get; set; } = null!;

    /// <summary>Subjects deactivated before the close (their reports stand: "ratings are kept").</summary>
    public HashSet<string> InactiveAtClose { get; } = [];
}

/// <summary>
/// Builds a random organization over HTTP only, runs several cycles to their close and keeps everything the outside
/// checker knows: its own org chart, every assignment and every sheet it sent. Reproducible from its seed.
/// </summary>
public sealed class OutsideScenario(OutsideHttp http, string adminKey, int seed)
{
    private const int PeopleCount = 72;

    private static readonly string[] FirstNames = ["Alice", "Bruno", "Chloe", "Dmitr", "Elena", "Farid", "Greta", "Hiroe", "Irene", "Jonas", "Karim", "Laila", "Marco", "Nadia", "Oskar", "Priya"];

    private static readonly string[] LastNames = ["Abbot", "Baker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen", "Kowalski", "Lopez"];

    private static readonly string?[] Departments = ["Engineering", "Sales", "R&D, \"Labs\"", "People Ops", null];

    private readonly ScenarioRandom rng = new(seed);

    /// <summary>Rates others but is never rated: the trend answers [] for them.</summary>
    public const string NeverASubject = "p-072";

    public int Seed => seed;

    public OrgChartModel Org { get; } = new();

    public List<CycleRun> Cycles { get; } = [];

    public string PeopleKey { get; private set; } = "";

    public string CyclesKey { get; private set; } = "";

    public string RatingsKey { get; private set; } = "";

    public string ReportsKey { get; private set; } = "";

    public int Submissions { get; private set; }

    public async Task RunAsync()
    {
        PeopleKey = await KeyAsync("people:write");
        CyclesKey = await KeyAsync("cycles:write");
        RatingsKey = await KeyAsync("ratings:write");
        ReportsKey = await KeyAsync("reports:read");

        // Two behaviors of the organization's own, so default cycles ask more than the built-in catalog.
        await http.PutAsync(adminKey, "/v1/behaviors/giving-feedback", new { dimension = "leadership", name = "Giving feedback", description = "Says what works and what does not, kindly and soon." }, HttpStatusCode.Created);
        await http.PutAsync(adminKey, "/v1/behaviors/planning-capacity", new { dimension = "management", name = "Planning capacity", description = "Matches the work taken on to the people available." }, HttpStatusCode.Created);
        var catalog = (await http.GetAsync(adminKey, "/v1/behaviors")).EnumerateArray()
            .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("dimension").GetString()!);

        await ImportPeopleAsync();

        var plans = new (int? ScaleMin, int? ScaleMax, string Behaviors, bool Generate, int Subjects)[]
        {
            (null, null, "default", false, 60),
            (0, 10, "subset", false, 60),
            (1, 3, "oneManagement", false, 55),
            (1, 7, "subset", true, 60),
        };
        for (var i = 0; i < plans.Length; i++)
        {
            await MutateOrgChartAsync(4);
            var cycle = await RunCycleAsync(i + 1, plans[i], catalog);
            Cycles.Add(cycle);
        }

        await MutateOrgChartAsync(8); // later changes must not alter the closed cycles' reports
    }

    private async Task<string> KeyAsync(string scope) =>
        (await http.PostAsync(adminKey, "/v1/api-keys", new { name = $"outside check {scope}", scopes = new[] { scope } }, HttpStatusCode.Created))
        .GetProperty("key").GetString()!;

    private async Task ImportPeopleAsync()
    {
        for (var i = 1; i <= PeopleCount; i++)
        {
            var id = $"p-{i:000}";
            string? manager = i switch
            {
                1 => null,
                <= 9 => "p-001",
                <= 14 => $"p-{rng.Int(2, 9):000}",
                _ => $"p-{rng.Int(1, 14):000}",
            };
            var name = i % 23 == 0 ? Org.People["p-002"].DisplayName : $"{rng.Pick(FirstNames)} {rng.Pick(LastNames)}"; // a few shared names: ties by externalId
            Org.People[id] = new ModelPerson { ExternalId = id, DisplayName = name, Manager = manager, Department = rng.Pick(Departments), Title = rng.Chance(0.5) ? "Engineer" : null };
        }

        // Shuffled, so managers are often rows after their reports in the same import.
        var body = rng.Shuffle(Org.People.Values).Select(p => p.ImportRow()).ToList();
        var imported = await http.PostAsync(PeopleKey, "/v1/people/import", body, HttpStatusCode.OK);
        Assert.Equal(PeopleCount, imported.GetProperty("created").GetInt32());
    }

    /// <summary>Renames, moves, re-departments, deactivates and reactivates people through PUT and DELETE.</summary>
    private async Task MutateOrgChartAsync(int changes)
    {
        for (var c = 0; c < changes; c++)
        {
            var person = rng.Pick(Org.People.Values.Where(p => p.ExternalId != "p-001").OrderBy(p => p.ExternalId).ToList());
            switch (rng.Int(0, 4))
            {
                case 0 when person.Active:
                    person.Department = rng.Pick(Departments);
                    break;
                case 1 when person.Active:
                    person.DisplayName = $"{rng.Pick(FirstNames)} {rng.Pick(LastNames)}";
                    break;
                case 2 when person.Active:
                    var managers = Org.Active.Where(m => !Org.IsInTreeOf(person.ExternalId, m.ExternalId)).ToList();
                    person.Manager = rng.Pick(managers).ExternalId;
                    break;
                case 3 when person.Active && !Org.ActiveReportsOf(person.ExternalId).Any():
                    await http.SendAsync(PeopleKey, HttpMethod.Delete, $"/v1/people/{person.ExternalId}", null, HttpStatusCode.NoContent);
                    person.Active = false;
                    continue;
                case 4 when !person.Active && (person.Manager is null || Org.People[person.Manager].Active):
                    person.Active = true;
                    break;
                default:
                    continue;
            }

            await http.PutAsync(PeopleKey, $"/v1/people/{person.ExternalId}", person.Body(), HttpStatusCode.OK);
        }
    }

    private async Task<CycleRun> RunCycleAsync(int number, (int? ScaleMin, int? ScaleMax, string Behaviors, bool Generate, int Subjects) plan, Dictionary<string, string> catalog)
    {
        var k = rng.Int(3, 5);
        var leadership = catalog.Where(b => b.Value == "leadership").Select(b => b.Key).OrderBy(b => b, StringComparer.Ordinal).ToList();
        var management = catalog.Where(b => b.Value == "management").Select(b => b.Key).OrderBy(b => b, StringComparer.Ordinal).ToList();
        string[]? behaviors = plan.Behaviors switch
        {
            "default" => null,
            "oneManagement" => rng.Shuffle(rng.Shuffle(leadership).Take(rng.Int(2, 4)).Append(rng.Pick(management))).ToArray(),
            _ => rng.Shuffle(rng.Shuffle(leadership).Take(rng.Int(1, leadership.Count)).Concat(rng.Shuffle(management).Take(rng.Int(1, management.Count)))).ToArray(),
        };
        var body = new Dictionary<string, object?> { ["name"] = $"Outside check {number}" };
        if (behaviors is not null)
        {
            body["behaviors"] = behaviors;
        }

        if (plan.ScaleMin is not null)
        {
            body["scaleMin"] = plan.ScaleMin;
            body["scaleMax"] = plan.ScaleMax;
        }

        if (k != 3 || number != 1)
        {
            body["anonymityThreshold"] = k; // cycle 1 with k = 3 relies on the documented default
        }

        var created = await http.PostAsync(CyclesKey, "/v1/cycles", body, HttpStatusCode.Created);
        var cycleId = created.GetProperty("id").GetString()!;
        var keys = created.GetProperty("behaviors").EnumerateArray().Select(b => b.GetString()!).ToList();
        if (behaviors is not null)
        {
            Assert.Equal(behaviors, keys); // the cycle keeps the order it was given
        }

        var definition = new RefCycle(
            cycleId, $"Outside check {number}", keys.Select(key => new RefBehaviorDefinition(key, catalog[key])).ToList(),
            created.GetProperty("scaleMin").GetInt32(), created.GetProperty("scaleMax").GetInt32(), created.GetProperty("anonymityThreshold").GetInt32());
        Assert.Equal((plan.ScaleMin ?? 1, plan.ScaleMax ?? 5, k), (definition.ScaleMin, definition.ScaleMax, definition.K));
        var run = new CycleRun { Definition = definition };
        await http.PostAsync(CyclesKey, $"/v1/cycles/{cycleId}/open", null, HttpStatusCode.OK);

        var subjects = rng.Shuffle(Org.Active.Select(p => p.ExternalId).Where(p => p != NeverASubject)).Take(plan.Subjects).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (plan.Generate)
        {
            await GenerateAssignmentsAsync(run, subjects);
        }

        var planned = subjects.SelectMany(s => ChooseRaters(s, run)).ToList();
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (a, _) =>
        {
            var made = await http.PostAsync(CyclesKey, $"/v1/cycles/{cycleId}/assignments",
                new { subjectExternalId = a.Subject, raterExternalId = a.Rater, relationship = a.Relationship }, HttpStatusCode.Created);
            Assert.Equal(a.Relationship, made.GetProperty("relationship").GetString());
            a.Id = made.GetProperty("id").GetGuid();
            a.Token = made.GetProperty("raterToken").GetString()!;
        });
        run.Assignments.AddRange(planned);

        var planner = new SheetPlanner(rng, definition);
        foreach (var bySubject in run.Assignments.GroupBy(a => a.Subject))
        {
            var tendency = planner.TendencyFor();
            foreach (var a in bySubject)
            {
                a.Submissions = planner.SubmissionsFor(tendency);
            }
        }

        var viaKey = run.Assignments.ToDictionary(a => a.Id, _ => rng.Chance(0.2));
        var reissue = run.Assignments.ToDictionary(a => a.Id, _ => rng.Chance(0.03));
        await Parallel.ForEachAsync(run.Assignments, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (a, _) =>
            await SubmitAsync(cycleId, a, viaKey[a.Id], reissue[a.Id]));
        Submissions += run.Assignments.Sum(a => a.Submissions.Count);

        // Reports exist only for closed cycles.
        await http.GetAsync(ReportsKey, $"/v1/cycles/{cycleId}/reports/people/{run.Assignments[0].Subject}", HttpStatusCode.Conflict);

        await MutateOrgChartAsync(3); // the close snapshots the org chart as it is now
        var closed = await http.PostAsync(CyclesKey, $"/v1/cycles/{cycleId}/close", null, HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        run.ClosedAt = closed.GetProperty("closedAt").GetDateTimeOffset();

        run.InactiveAtClose.UnionWith(run.Assignments.Select(a => a.Subject).Where(id => !Org.People[id].Active));
        var refSubjects = run.Assignments.GroupBy(a => a.Subject).Select(g =>
        {
            var (name, department, isManager) = Org.Snapshot(g.Key);
            return new RefSubject(g.Key, name, department, isManager,
                g.Select(a => new RefRater(a.Rater, a.Relationship, a.Final("leadership"), a.Final("management"))).ToList());
        });
        run.Reference = new ReferenceCycleReport(definition, refSubjects);
        return run;
    }

    /// <summary>The org chart's own pairs (self, manager, direct reports, peers) for some subjects, then explicit extras.</summary>
    private async Task GenerateAssignmentsAsync(CycleRun run, List<string> subjects)
    {
        var generated = await http.PostAsync(CyclesKey, $"/v1/cycles/{run.Definition.Id}/assignments/generate",
            new { subjects = subjects.Take(subjects.Count / 2).ToArray(), maxPeersPerSubject = 5, maxAssignmentsPerRater = 8 }, HttpStatusCode.OK);
        foreach (var a in generated.GetProperty("assignments").EnumerateArray())
        {
            run.Assignments.Add(new PlannedAssignment
            {
                Subject = a.GetProperty("subjectExternalId").GetString()!,
                Rater = a.GetProperty("raterExternalId").GetString()!,
                Relationship = a.GetProperty("relationship").GetString()!,
                Id = a.GetProperty("id").GetGuid(),
                Token = a.GetProperty("raterToken").GetString()!,
            });
        }

        Assert.Equal(run.Assignments.Count, generated.GetProperty("created").GetInt32());
    }

    /// <summary>
    /// Raters for one subject, every relationship shape: self, the manager (sometimes dotted-line ones too), direct
    /// reports, peers under the same manager, and `other`s from anywhere. Pairs the cycle already has are skipped.
    /// </summary>
    private List<PlannedAssignment> ChooseRaters(string subject, CycleRun run)
    {
        var existing = run.Assignments.Where(a => a.Subject == subject).Select(a => a.Rater).ToHashSet();
        var chosen = new List<PlannedAssignment>();
        var person = Org.People[subject];
        var anyone = rng.Shuffle(Org.Active.Where(p => p.ExternalId != subject).Select(p => p.ExternalId)).ToList();

        void Add(string rater, string relationship)
        {
            if (existing.Add(rater) && existing.Count <= 14)
            {
                chosen.Add(new PlannedAssignment { Subject = subject, Rater = rater, Relationship = relationship });
            }
        }

        if (existing.Count > 0)
        {
            // Generated subjects get a few `other`s on top.
            foreach (var rater in anyone.Take(rng.Int(0, 4)))
            {
                Add(rater, "other");
            }

            return chosen;
        }

        if (rng.Chance(0.75))
        {
            chosen.Add(new PlannedAssignment { Subject = subject, Rater = subject, Relationship = "self" });
        }

        if (person.Manager is { } manager && Org.People[manager].Active && rng.Chance(0.85))
        {
            Add(manager, "manager");
        }

        if (rng.Chance(0.15))
        {
            foreach (var rater in anyone.Take(rng.Int(2, 4)))
            {
                Add(rater, "manager");
            }
        }

        foreach (var report in Org.ActiveReportsOf(subject).Where(_ => rng.Chance(0.85)))
        {
            Add(report.ExternalId, "directReport");
        }

        var peers = rng.Shuffle(Org.Active.Where(p => p.Manager == person.Manager && p.ExternalId != subject).Select(p => p.ExternalId));
        foreach (var peer in peers.Take(rng.Int(0, 8)))
        {
            Add(peer, "peer");
        }

        if (rng.Chance(0.45))
        {
            foreach (var rater in anyone.Skip(4).Take(rng.Int(2, 6)))
            {
                Add(rater, "peer");
            }
        }

        foreach (var rater in anyone.Skip(9).Take(rng.Int(0, 4)))
        {
            Add(rater, "other");
        }

        return chosen;
    }

    private async Task SubmitAsync(string cycleId, PlannedAssignment a, bool viaApiKey, bool reissue)
    {
        if (reissue)
        {
            var oldToken = a.Token;
            var issued = await http.PostAsync(CyclesKey, $"/v1/cycles/{cycleId}/assignments/{a.Id}/token", null, HttpStatusCode.OK);
            a.Token = issued.GetProperty("raterToken").GetString()!;
            var url = $"/v1/cycles/{cycleId}/assignments/{a.Id}/leadership";
            var (status, _) = await http.SendRawAsync(oldToken, HttpMethod.Put, url, new { scores = new { } });
            Assert.True(status == HttpStatusCode.Unauthorized, $"PUT {url} with a reissued (old) token answered {(int)status}");
        }

        var revisions = new Dictionary<string, int>();
        foreach (var s in a.Submissions)
        {
            var receipt = await http.PutAsync(viaApiKey ? RatingsKey : a.Token, $"/v1/cycles/{cycleId}/assignments/{a.Id}/{s.Dimension}", Body(s), HttpStatusCode.OK);
            revisions[s.Dimension] = revisions.GetValueOrDefault(s.Dimension) + 1;
            Assert.Equal(revisions[s.Dimension], receipt.GetProperty("revision").GetInt32());
            Assert.Equal(s.Dimension, receipt.GetProperty("dimension").GetString());
        }
    }

    private static Dictionary<string, object?> Body(PlannedSubmission s)
    {
        var body = new Dictionary<string, object?> { ["scores"] = s.Sheet.Scores };
        if (!s.OmitComment)
        {
            body["comment"] = s.Sheet.Comment;
        }

        return body;
    }
}
