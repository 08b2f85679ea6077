using Feedback.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class OutcomesTests(FeedbackApiFactory api)
{
    private static async Task<List<(string ExternalId, double? Productivity, double? Engagement, double? Retention)>> StoredAsync(TestOrganization org, Guid cycleId)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var rows = await db.Outcomes.Where(o => o.OrganizationId == org.Id && o.CycleId == cycleId)
            .Join(db.People, o => o.PersonId, p => p.Id, (o, p) => new { p.ExternalId, o.Productivity, o.Engagement, o.Retention })
            .OrderBy(x => x.ExternalId)
            .ToListAsync();
        return rows.Select(r => (r.ExternalId, r.Productivity, r.Engagement, r.Retention)).ToList();
    }

    [Fact]
    public async Task Put_RecordsAndReplacesASubjectsOutcomes()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var hr = await org.ClientWithScopesAsync("cycles:write");

        var first = await hr.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { productivity = 112.5, engagement = 4.2, retention = 1 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cycleId, body.GetProperty("cycleId").GetGuid());
        Assert.Equal("s1", body.GetProperty("externalId").GetString());
        Assert.Equal(112.5, body.GetProperty("productivity").GetDouble());
        Assert.Equal(1, body.GetProperty("retention").GetDouble());

        // A full replacement: what is omitted becomes null.
        var second = await hr.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 0.25 });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([("s1", (double?)null, (double?)null, (double?)0.25)], await StoredAsync(org, cycleId));
    }

    [Fact]
    public async Task Put_IsAllowedWhileTheCycleIsOpen()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api, close: false);
        var response = await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s2", new { productivity = 3 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_Returns404_ForAPersonWhoIsNotASubject_AnUnknownCycle_OrAnotherOrganizationsCycle()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var stranger = await api.CreateOrganizationAsync();
        var body = new { productivity = 1 };

        await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/p1", body)).AssertProblemAsync(HttpStatusCode.NotFound); // a rater only
        await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/nobody", body)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{Guid.NewGuid()}/outcomes/s1", body)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", body)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await StoredAsync(org, cycleId));
    }

    [Fact]
    public async Task Put_Returns400_ForARetentionOutsideZeroToOne_OrABadExternalId()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);

        var problem = await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 1.5 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("retention", out _), problem.ToString());

        var text = new StringContent("""{"productivity": "high"}""", System.Text.Encoding.UTF8, "application/json");
        await (await org.Admin.PutAsync($"/v1/cycles/{cycleId}/outcomes/s1", text)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var badId = await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/{Uri.EscapeDataString("a b")}", new { retention = 1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badId.GetProperty("errors").TryGetProperty("externalId", out _), badId.ToString());
        Assert.Empty(await StoredAsync(org, cycleId));
    }

    [Fact]
    public async Task Put_Returns400_ForANumberBeyondAnyUnit_SoNoReportOverflows()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var problem = await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { productivity = 1e300, engagement = -1e16 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("productivity", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("engagement", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { productivity = 1e15 })).StatusCode);
    }

    [Fact]
    public async Task NeedsCyclesWrite()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var reader = await org.ClientWithScopesAsync("reports:read");
        await (await reader.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", Array.Empty<object>())).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Import_Json_CreatesUpdatesAndCountsUnchangedRows()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var url = $"/v1/cycles/{cycleId}/outcomes/import";

        var created = await org.Admin.PostAsJsonAsync(url, new object[]
        {
            new { externalId = "s1", productivity = 10.0, retention = 1.0 },
            new { externalId = "s2", engagement = 3.5 },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("""{"created":2,"updated":0,"unchanged":0}""", await created.Content.ReadAsStringAsync());

        var again = await org.Admin.PostAsJsonAsync(url, new object[]
        {
            new { externalId = "s1", productivity = 10.0, retention = 1.0 },
            new { externalId = "s2", engagement = 4.0 },
            new { externalId = "s3", retention = 0.0 },
        });
        Assert.Equal("""{"created":1,"updated":1,"unchanged":1}""", await again.Content.ReadAsStringAsync());
        Assert.Equal(
            [("s1", 10.0, null, 1.0), ("s2", null, 4.0, null), ("s3", null, null, 0.0)],
            await StoredAsync(org, cycleId));
    }

    [Fact]
    public async Task Import_WithBadRows_ListsEveryOne_AndWritesNothing()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", new object?[]
        {
            new { externalId = "s1", productivity = 1.0 },
            new { externalId = "s2", retention = 2.0 },
            new { externalId = "p1", retention = 1.0 },
            new { externalId = "s1", engagement = 1.0 },
            new { externalId = "not valid", retention = 1.0 },
            null,
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["rows[1].retention", "rows[2].externalId", "rows[3].externalId", "rows[4].externalId", "rows[5]"], errors);
        Assert.Contains("not a subject", problem.GetProperty("errors").GetProperty("rows[2].externalId")[0].GetString());
        Assert.Contains("rows[0]", problem.GetProperty("errors").GetProperty("rows[3].externalId")[0].GetString());
        Assert.Empty(await StoredAsync(org, cycleId));
    }

    [Fact]
    public async Task Import_Csv_ReadsColumnsByName_AndNamesTheLineOfABadCell()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var url = $"/v1/cycles/{cycleId}/outcomes/import";

        var good = new StringContent("Retention,externalId,productivity\r\n1,s1,\"1.5e2\"\r\n0,\"s2\",\r\n,s3,-4\r\n", System.Text.Encoding.UTF8, "text/csv");
        var ok = await org.Admin.PostAsync(url, good);
        Assert.Equal("""{"created":3,"updated":0,"unchanged":0}""", await ok.Content.ReadAsStringAsync());
        Assert.Equal([("s1", 150.0, null, 1.0), ("s2", null, null, 0.0), ("s3", -4.0, null, null)], await StoredAsync(org, cycleId));

        var bad = new StringContent("externalId,productivity\r\ns4,12\r\ns5,twelve\r\ns6,1,2\r\n", System.Text.Encoding.UTF8, "text/csv");
        var problem = await (await org.Admin.PostAsync(url, bad)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("line 3:", errors.GetProperty("rows[1].productivity")[0].GetString());
        Assert.StartsWith("line 4:", errors.GetProperty("rows[2]")[0].GetString());
        Assert.Equal(3, (await StoredAsync(org, cycleId)).Count);

        var header = new StringContent("externalId,salary\r\ns1,1\r\n", System.Text.Encoding.UTF8, "text/csv");
        var headerProblem = await (await org.Admin.PostAsync(url, header)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("salary", headerProblem.GetProperty("errors").GetProperty("header")[0].GetString());
    }

    [Fact]
    public async Task Import_Returns415_ForAnotherContentType()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api);
        var response = await org.Admin.PostAsync($"/v1/cycles/{cycleId}/outcomes/import", new StringContent("s1", System.Text.Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}

/// <summary>An API that accepts outcomes only until the moment a cycle closes.</summary>
public sealed class NoOutcomeWindowApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Outcomes:AcceptFor", "00:00:00");
    }
}

public sealed class OutcomeWindowTests(NoOutcomeWindowApiFactory api) : IClassFixture<NoOutcomeWindowApiFactory>
{
    [Fact]
    public async Task Returns409_OnceTheConfiguredTimeAfterCloseHasPassed()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api, close: false);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 1 })).StatusCode);
        await org.TransitionAsync(cycleId, "close");

        var put = await (await org.Admin.PutAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/s1", new { retention = 0 })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/outcomes-no-longer-accepted", put.GetProperty("type").GetString());
        await (await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycleId}/outcomes/import", new[] { new { externalId = "s1", retention = 0 } }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
