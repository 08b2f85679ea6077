using Feedback.Api.IntegrationTests.People;

namespace Feedback.Api.IntegrationTests.Assignments;

[Collection(ApiCollection.Name)]
public sealed class GenerateAssignmentsTests(FeedbackApiFactory api)
{
    /// <summary>boss ← {lead, solo}; lead ← {ann, bob, cid, gone (inactive)}; out ← {x} in another tree.</summary>
    private static readonly object[] SmallOrg =
    [
        new { externalId = "boss", displayName = "Boss" },
        new { externalId = "lead", displayName = "Lead", managerExternalId = "boss" },
        new { externalId = "solo", displayName = "Solo", managerExternalId = "boss" },
        new { externalId = "ann", displayName = "Ann", managerExternalId = "lead" },
        new { externalId = "bob", displayName = "Bob", managerExternalId = "lead" },
        new { externalId = "cid", displayName = "Cid", managerExternalId = "lead" },
        new { externalId = "gone", displayName = "Gone", managerExternalId = "lead", active = false },
    ];

    private async Task<(TestOrganization Org, Guid Cycle)> SetUpAsync()
    {
        var org = await api.CreateOrganizationAsync();
        var import = await org.Admin.ImportJsonAsync(SmallOrg);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        return (org, await org.CreateCycleAsync());
    }

    private static async Task<JsonElement> GenerateOkAsync(HttpClient client, Guid cycle, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", body ?? new { });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json;
    }

    /// <summary>The cycle's assignments as "rater→subject:relationship", sorted.</summary>
    private static async Task<string[]> PairsAsync(HttpClient client, Guid cycle)
    {
        var pairs = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/v1/cycles/{cycle}/assignments?limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            pairs.AddRange(page.GetProperty("items").EnumerateArray().Select(Pair));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return pairs.Order(StringComparer.Ordinal).ToArray();
    }

    private static string Pair(JsonElement a) =>
        $"{a.GetProperty("raterExternalId").GetString()}→{a.GetProperty("subjectExternalId").GetString()}:{a.GetProperty("relationship").GetString()}";

    [Theory]
    [InlineData("self", "ann→ann:self bob→bob:self boss→boss:self cid→cid:self lead→lead:self solo→solo:self")]
    [InlineData("manager", "boss→lead:manager boss→solo:manager lead→ann:manager lead→bob:manager lead→cid:manager")]
    [InlineData("directReport", "ann→lead:directReport bob→lead:directReport cid→lead:directReport lead→boss:directReport solo→boss:directReport")]
    [InlineData("peer", "ann→bob:peer ann→cid:peer bob→ann:peer bob→cid:peer cid→ann:peer cid→bob:peer lead→solo:peer solo→lead:peer")]
    public async Task GeneratesEachRelationshipFromTheOrgChart_ActivePeopleOnly(string relationship, string expected)
    {
        var (org, cycle) = await SetUpAsync();
        var client = await org.ClientWithScopesAsync("cycles:write");

        var body = await GenerateOkAsync(client, cycle, new { relationships = new[] { relationship } });

        var pairs = expected.Split(' ');
        Assert.Equal(pairs, await PairsAsync(client, cycle));
        Assert.Equal(pairs.Length, body.GetProperty("created").GetInt32());
        Assert.Equal(0, body.GetProperty("skippedExisting").GetInt32());
        Assert.Equal(pairs, body.GetProperty("assignments").EnumerateArray().Select(Pair).Order(StringComparer.Ordinal));
        Assert.Empty(body.GetProperty("cappedRaters").EnumerateArray());
        Assert.Empty(body.GetProperty("cappedSubjects").EnumerateArray());
    }

    [Fact]
    public async Task GeneratesAllFourByDefault_WithATokenPerNewAssignmentThatAuthenticatesItsRater()
    {
        var (org, cycle) = await SetUpAsync();

        var response = await org.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/generate", null); // no body: all defaults

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6 + 5 + 5 + 8, body.GetProperty("created").GetInt32());
        var assignments = body.GetProperty("assignments").EnumerateArray().ToList();
        Assert.Equal(assignments.Count, assignments.Select(a => a.GetProperty("raterToken").GetString()).Distinct().Count());
        Assert.DoesNotContain(assignments, a => Pair(a).Contains("gone", StringComparison.Ordinal));

        var bobRatesAnn = assignments.Single(a => Pair(a) == "bob→ann:peer");
        var me = await api.ClientWithToken(bobRatesAnn.GetProperty("raterToken").GetString()).GetFromJsonAsync<JsonElement>("/v1/assignments/me");
        Assert.Equal(bobRatesAnn.GetProperty("id").GetGuid(), me.GetProperty("assignmentId").GetGuid());
        Assert.Equal("peer", me.GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task RespectsBothCaps_AndSaysWhoHitThem()
    {
        var (org, cycle) = await SetUpAsync();

        var body = await GenerateOkAsync(org.Admin, cycle, new { maxPeersPerSubject = 1, maxAssignmentsPerRater = 3 });

        var pairs = await PairsAsync(org.Admin, cycle);
        Assert.All(pairs.CountBy(p => p.Split('→')[0]), c => Assert.InRange(c.Value, 1, 3));
        Assert.All(pairs.Where(p => p.EndsWith(":peer", StringComparison.Ordinal)).CountBy(p => p.Split('→', ':')[1]), c => Assert.Equal(1, c.Value));
        // lead gets self and manager of ann and bob; manager of cid, directReport of boss and peer of solo are left out.
        Assert.Equal(["lead→ann:manager", "lead→bob:manager", "lead→lead:self"], pairs.Where(p => p.StartsWith("lead→", StringComparison.Ordinal)));
        var capped = body.GetProperty("cappedRaters").EnumerateArray()
            .ToDictionary(c => c.GetProperty("raterExternalId").GetString()!, c => c.GetProperty("skipped").GetInt32());
        Assert.Equal(3, capped["lead"]);
        var subjects = body.GetProperty("cappedSubjects").EnumerateArray()
            .ToDictionary(c => c.GetProperty("subjectExternalId").GetString()!, c => (c.GetProperty("peersAvailable").GetInt32(), c.GetProperty("peersAssigned").GetInt32()));
        Assert.Equal((2, 1), subjects["ann"]);
        Assert.DoesNotContain("solo", subjects.Keys); // solo's one peer (lead) is at the rater cap: not a peer-cap case
    }

    [Fact]
    public async Task IsDeterministic_TwoFreshCyclesGetTheSamePairs()
    {
        var org = await api.CreateOrganizationAsync();
        var rows = new List<object> { new { externalId = "m", displayName = "M" } };
        rows.AddRange(Enumerable.Range(1, 12).Select(i => new { externalId = $"p{i:D2}", displayName = $"P{i}", managerExternalId = "m" }));
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.ImportJsonAsync(rows)).StatusCode);
        var first = await org.CreateCycleAsync();
        var second = await org.CreateCycleAsync();
        var rules = new { relationships = new[] { "peer" }, maxPeersPerSubject = 3, maxAssignmentsPerRater = 4 };

        await GenerateOkAsync(org.Admin, first, rules);
        await GenerateOkAsync(org.Admin, second, rules);

        var pairs = await PairsAsync(org.Admin, first);
        Assert.Equal(12 * 3, pairs.Length); // 3 of 11 peers each: the choice mattered
        Assert.Equal(pairs, await PairsAsync(org.Admin, second));
    }

    [Fact]
    public async Task IsIdempotent_ASecondRunCreatesNothing_AndAnExistingPairIsKept()
    {
        var (org, cycle) = await SetUpAsync();
        await org.TransitionAsync(cycle, "open"); // open cycles take generated assignments too
        var (manualId, _) = await org.AssignAsync(cycle, "ann", "bob", "other");

        var first = await GenerateOkAsync(org.Admin, cycle);
        var pairs = await PairsAsync(org.Admin, cycle);
        var second = await GenerateOkAsync(org.Admin, cycle);

        Assert.Equal(1, first.GetProperty("skippedExisting").GetInt32());
        Assert.Contains("bob→ann:other", pairs);
        Assert.DoesNotContain("bob→ann:peer", pairs);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Empty(second.GetProperty("assignments").EnumerateArray());
        Assert.Equal(first.GetProperty("created").GetInt32() + 1, second.GetProperty("skippedExisting").GetInt32());
        Assert.Equal(pairs, await PairsAsync(org.Admin, cycle));
        var manual = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/assignments?subjectExternalId=ann&raterExternalId=bob");
        Assert.Equal(manualId, manual.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task ConcurrentRunsOnOneCycle_TakeTurns_AndCreateEachPairOnce()
    {
        var (org, cycle) = await SetUpAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { })));

        Assert.All(runs, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var created = 0;
        foreach (var run in runs)
        {
            created += (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32();
        }

        Assert.Equal(24, created);
        Assert.Equal(24, (await PairsAsync(org.Admin, cycle)).Length);
    }

    [Fact]
    public async Task ReplaysTheFirstResponse_ForTheSameIdempotencyKey()
    {
        var (org, cycle) = await SetUpAsync();
        async Task<HttpResponseMessage> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{cycle}/assignments/generate")
            {
                Content = JsonContent.Create(new { subjects = new[] { "ann" } }),
            };
            request.Headers.Add("Idempotency-Key", "generate-1");
            return await org.Admin.SendAsync(request);
        }

        var first = await PostAsync();
        var replay = await PostAsync();

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Contains("raterToken", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyTheNamedSubjectsAreRated()
    {
        var (org, cycle) = await SetUpAsync();

        await GenerateOkAsync(org.Admin, cycle, new { subjects = new[] { "ann", "ann" } });

        Assert.Equal(["ann→ann:self", "bob→ann:peer", "cid→ann:peer", "lead→ann:manager"], await PairsAsync(org.Admin, cycle));
    }

    [Fact]
    public async Task ABatchOfNamedSubjects_CountsWhatItsRatersAlreadyRateForOtherSubjects_TowardTheCap()
    {
        var (org, cycle) = await SetUpAsync();
        // First batch: boss, lead and solo. lead ends at 3 (self, directReport of boss, peer of solo); ann, bob and cid
        // at 1 each (directReport of lead).
        await GenerateOkAsync(org.Admin, cycle, new { subjects = new[] { "boss", "lead", "solo" }, maxAssignmentsPerRater = 3 });

        // Second batch: lead's reports. Their manager lead is at the cap from assignments whose subjects are not in this
        // batch; each of them starts at 1 from the first batch (subject lead, not in this batch either).
        var body = await GenerateOkAsync(org.Admin, cycle, new { subjects = new[] { "ann", "bob", "cid" }, maxAssignmentsPerRater = 3 });

        var second = (await PairsAsync(org.Admin, cycle))
            .Where(p => p.Split('→', ':')[1] is "ann" or "bob" or "cid").ToArray();
        // self for each (→ 2); ann's peers bob and cid (→ 3); bob's peer ann (→ 3), cid at the cap; cid's peers both at it.
        Assert.Equal(["ann→ann:self", "ann→bob:peer", "bob→ann:peer", "bob→bob:self", "cid→ann:peer", "cid→cid:self"], second);
        var capped = body.GetProperty("cappedRaters").EnumerateArray()
            .ToDictionary(c => c.GetProperty("raterExternalId").GetString()!, c => c.GetProperty("skipped").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["ann"] = 1, ["bob"] = 1, ["cid"] = 1, ["lead"] = 3 }, capped);
    }

    [Fact]
    public async Task Returns409AndCreatesNothing_WhenTheCycleIsClosed()
    {
        var (org, cycle) = await SetUpAsync();
        await org.TransitionAsync(cycle, "open");
        await org.TransitionAsync(cycle, "close");

        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Common.ProblemTypes.CycleClosed, problem.GetProperty("type").GetString());
        Assert.Empty(await PairsAsync(org.Admin, cycle));
    }

    [Fact]
    public async Task Returns404_ForAnotherOrganizationsCycle()
    {
        var (_, cycle) = await SetUpAsync();
        var other = await api.CreateOrganizationAsync();

        var response = await other.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns403_WithoutCyclesWrite_OrWithARaterToken()
    {
        var (org, cycle) = await SetUpAsync();
        var (_, token) = await org.AssignAsync(cycle, "ann", "ann", "self");

        var people = await (await org.ClientWithScopesAsync("people:write", "ratings:write"))
            .PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });
        var rater = await api.ClientWithToken(token).PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });

        await people.AssertProblemAsync(HttpStatusCode.Forbidden);
        await rater.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["ann→ann:self"], await PairsAsync(org.Admin, cycle));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"relationships":["friend"]}""", "relationships[0]" },
        { """{"relationships":["self","other"]}""", "relationships[1]" },
        { """{"relationships":["self",null]}""", "relationships[1]" },
        { """{"relationships":[]}""", "relationships" },
        { """{"subjects":[]}""", "subjects" },
        { """{"subjects":["ann","nobody"]}""", "subjects[1]" },
        { """{"subjects":["gone"]}""", "subjects[0]" },
        { """{"subjects":["bad id!"]}""", "subjects[0]" },
        { """{"maxPeersPerSubject":-1}""", "maxPeersPerSubject" },
        { """{"maxPeersPerSubject":51}""", "maxPeersPerSubject" },
        { """{"maxAssignmentsPerRater":0}""", "maxAssignmentsPerRater" },
        { """{"maxAssignmentsPerRater":201}""", "maxAssignmentsPerRater" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Returns400NamingTheField_AndCreatesNothing(string json, string field)
    {
        var (org, cycle) = await SetUpAsync();

        var response = await org.Admin.PostAsync($"/v1/cycles/{cycle}/assignments/generate",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertValidationProblemAsync(field);
        Assert.Empty(await PairsAsync(org.Admin, cycle));
    }

    [Fact]
    public async Task IsDocumentedInOpenApi_WithCapsDeterminismAndTheFields()
    {
        var doc = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = doc.GetProperty("paths").GetProperty("/v1/cycles/{cycleId}/assignments/generate").GetProperty("post");
        Assert.Equal("GenerateAssignments", operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.Contains("**Caps.**", operation.GetProperty("description").GetString());
        Assert.Contains("**Determinism.**", operation.GetProperty("description").GetString());
        Assert.True(operation.GetProperty("security").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Object, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").ValueKind);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("GenerateAssignmentsRequest").GetProperty("properties");
        foreach (var field in new[] { "relationships", "subjects", "maxPeersPerSubject", "maxAssignmentsPerRater" })
        {
            Assert.True(request.GetProperty(field).TryGetProperty("description", out _), field);
        }

        var response = schemas.GetProperty("AssignmentsGenerated").GetProperty("properties");
        foreach (var field in new[] { "created", "skippedExisting", "assignments", "cappedRaters", "cappedSubjects" })
        {
            Assert.True(response.TryGetProperty(field, out _), field);
        }
    }
}
