using Feedback.Api.Domain;

namespace Feedback.Api.IntegrationTests.Cycles;

[Collection(ApiCollection.Name)]
public sealed class CycleProgressTests(FeedbackApiFactory api)
{
    // The default catalog: 5 leadership behaviors (a valid score needs 3 scored), 3 management (needs 2).
    private const string Leadership3Of5 = "{\"active-listening\":4,\"empathy\":3,\"guiding-conversations\":5,\"implementing-vision\":null,\"building-trust\":null}";
    private const string Leadership2Of5 = "{\"active-listening\":4,\"empathy\":3,\"guiding-conversations\":null,\"implementing-vision\":null,\"building-trust\":null}";
    private const string Management2Of3 = "{\"organizing-projects\":2,\"managing-resources\":1,\"directing-workflows\":null}";
    private const string Management1Of3 = "{\"organizing-projects\":2,\"managing-resources\":null,\"directing-workflows\":null}";
    private const string ManagementNone = "{\"organizing-projects\":null,\"managing-resources\":null,\"directing-workflows\":null}";

    [Fact]
    public async Task CountsAssigned_Submitted_AndRespondersWithBothSheetsValid_PerRelationship()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"), ("cat", "boss"), ("dan", "boss"), ("eve", "ann"));
        var cycle = await org.CreateCycleAsync();
        var self = await org.AssignAsync(cycle, "ann", "ann", "self");
        var manager = await org.AssignAsync(cycle, "ann", "boss", "manager");
        var bob = await org.AssignAsync(cycle, "ann", "bob", "peer");
        var cat = await org.AssignAsync(cycle, "ann", "cat", "peer");
        var dan = await org.AssignAsync(cycle, "ann", "dan", "peer");
        var eve = await org.AssignAsync(cycle, "ann", "eve", "directReport");
        var annOnBob = await org.AssignAsync(cycle, "bob", "ann", "peer");
        await org.TransitionAsync(cycle, "open");

        await org.SeedSheetAsync(cycle, self.Id, Dimension.Leadership, Leadership3Of5);        // valid...
        await org.SeedSheetAsync(cycle, self.Id, Dimension.Management, Management2Of3);        // ...and valid: a responder
        await org.SeedSheetAsync(cycle, manager.Id, Dimension.Management, Management1Of3);     // 1 of 3: not valid
        await org.SeedSheetAsync(cycle, bob.Id, Dimension.Leadership, Leadership2Of5);         // 2 of 5: not valid...
        await org.SeedSheetAsync(cycle, bob.Id, Dimension.Management, Management2Of3);         // ...this one is: submitted only
        await org.SeedSheetAsync(cycle, cat.Id, Dimension.Leadership, Leadership3Of5);         // both valid: a responder
        await org.SeedSheetAsync(cycle, cat.Id, Dimension.Management, Management2Of3);
        await org.SeedSheetAsync(cycle, dan.Id, Dimension.Management, ManagementNone);         // all "not observed"
        await org.SeedSheetAsync(cycle, eve.Id, Dimension.Leadership, Leadership2Of5);         // not valid
        await org.SeedSheetAsync(cycle, annOnBob.Id, Dimension.Management, Management2Of3);    // one valid sheet: not counted

        var reader = await org.ClientWithScopesAsync("reports:read");
        var progress = await reader.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/progress");

        Assert.Equal(JsonValueKind.Null, progress.GetProperty("nextCursor").ValueKind);
        var items = progress.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["ann", "bob"], items.Select(i => i.GetProperty("subjectExternalId").GetString()));
        Assert.Equal(["subjectExternalId", "assigned", "submitted", "responders"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"self":1,"manager":1,"peer":3,"directReport":1,"other":0}""", items[0].GetProperty("assigned").GetRawText());
        Assert.Equal("""{"self":1,"manager":1,"peer":3,"directReport":1,"other":0}""", items[0].GetProperty("submitted").GetRawText());
        Assert.Equal("""{"self":1,"manager":0,"peer":1,"directReport":0,"other":0}""", items[0].GetProperty("responders").GetRawText());
        Assert.Equal("""{"self":0,"manager":0,"peer":1,"directReport":0,"other":0}""", items[1].GetProperty("assigned").GetRawText());
        Assert.Equal("""{"self":0,"manager":0,"peer":1,"directReport":0,"other":0}""", items[1].GetProperty("submitted").GetRawText());
        Assert.Equal("""{"self":0,"manager":0,"peer":0,"directReport":0,"other":0}""", items[1].GetProperty("responders").GetRawText());
    }

    [Fact]
    public async Task UsesTheCyclesOwnBehaviorCountForValidity()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("ann", null), ("bob", null));
        // Two leadership behaviors and one management behavior: one score makes each sheet valid (ceil(2/2) = ceil(1/2) = 1).
        var cycle = await org.CreateCycleAsync(new { name = "small", behaviors = new[] { "empathy", "building-trust", "managing-resources" } });
        var bob = await org.AssignAsync(cycle, "ann", "bob", "other");
        await org.TransitionAsync(cycle, "open");
        await org.SeedSheetAsync(cycle, bob.Id, Dimension.Management, "{\"managing-resources\":3}");
        await org.SeedSheetAsync(cycle, bob.Id, Dimension.Leadership, "{\"empathy\":4,\"building-trust\":null}");

        var progress = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/progress");

        Assert.Equal(1, progress.GetProperty("items")[0].GetProperty("submitted").GetProperty("other").GetInt32());
        Assert.Equal(1, progress.GetProperty("items")[0].GetProperty("responders").GetProperty("other").GetInt32());
    }

    [Fact]
    public async Task PagesBySubject()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("a", null), ("b", null), ("c", null));
        var cycle = await org.CreateCycleAsync();
        foreach (var (subject, rater) in new[] { ("c", "a"), ("a", "b"), ("a", "c"), ("b", "a") })
        {
            await org.AssignAsync(cycle, subject, rater, "peer");
        }

        var seen = new List<(string, int)>();
        string? cursor = null;
        do
        {
            var page = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/progress?limit=1{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("subjectExternalId").GetString()!, i.GetProperty("assigned").GetProperty("peer").GetInt32())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([("a", 2), ("b", 1), ("c", 1)], seen);
    }

    [Fact]
    public async Task ListsNoSubjects_ForACycleWithoutAssignments()
    {
        var org = await api.CreateOrganizationAsync();
        var cycle = await org.CreateCycleAsync();
        var progress = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/progress");
        Assert.Equal(0, progress.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Returns404_ForAnotherOrganizationsCycle()
    {
        var theirs = await api.CreateOrganizationAsync();
        await theirs.SeedPeopleAsync(("ann", null));
        var cycle = await theirs.CreateCycleAsync();
        await theirs.AssignAsync(cycle, "ann", "ann", "self");
        var mine = await api.CreateOrganizationAsync();
        var reader = await mine.ClientWithScopesAsync("reports:read");

        await (await reader.GetAsync($"/v1/cycles/{cycle}/progress")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Returns403_ForAKeyWithoutTheScope()
    {
        var org = await api.CreateOrganizationAsync();
        var cycle = await org.CreateCycleAsync();
        var client = await org.ClientWithScopesAsync("people:write", "ratings:write");
        await (await client.GetAsync($"/v1/cycles/{cycle}/progress")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    public async Task Returns400_ForBadPaging(string query, string field)
    {
        var org = await api.CreateOrganizationAsync();
        var cycle = await org.CreateCycleAsync();
        await (await org.Admin.GetAsync($"/v1/cycles/{cycle}/progress?{query}")).AssertValidationProblemAsync(field);
    }
}
