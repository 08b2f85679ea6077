using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class ImportPeopleTests(FeedbackApiFactory api, ITestOutputHelper output)
{
    [Fact]
    public async Task ImportsJsonWithManagersLaterInTheFile()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.ImportJsonAsync(new object[]
        {
            new { externalId = "dev", displayName = "Dev", managerExternalId = "lead", department = "Eng" },
            new { externalId = "lead", displayName = "Lead", managerExternalId = "ceo", email = "lead@example.com" },
            new { externalId = "ceo", displayName = "CEO", title = "Chief" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertCountsAsync(response, created: 3, updated: 0, unchanged: 0);
        var lead = await org.Admin.GetPersonAsync("lead");
        Assert.Equal("ceo", lead.GetProperty("managerExternalId").GetString());
        Assert.Equal("lead@example.com", lead.GetProperty("email").GetString());
        Assert.Equal(["dev"], lead.GetProperty("directReports").Strings());
        Assert.Equal("Eng", (await org.Admin.GetPersonAsync("dev")).GetProperty("department").GetString());
    }

    [Fact]
    public async Task CountsCreatedUpdatedAndUnchanged_AndReplacesWholeRows()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("boss");
        await org.Admin.PutPersonAsync("same", new { displayName = "Same", department = "Eng" });
        await org.Admin.PutPersonAsync("changed", new { displayName = "Changed", department = "Eng", title = "Old" });
        var sameTag = (await org.Admin.GetAsync("/v1/people/same")).Headers.ETag;

        var response = await org.Admin.ImportJsonAsync(new object[]
        {
            new { externalId = "same", displayName = "Same", department = "Eng" },
            new { externalId = "changed", displayName = "Changed", managerExternalId = "boss", active = false },
            new { externalId = "new", displayName = "New", managerExternalId = "changed" },
        });

        await AssertCountsAsync(response, created: 1, updated: 1, unchanged: 1);
        Assert.Equal(sameTag, (await org.Admin.GetAsync("/v1/people/same")).Headers.ETag);
        var changed = await org.Admin.GetPersonAsync("changed");
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("department").ValueKind); // omitted → null, as in PUT
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("title").ValueKind);
        Assert.Equal("boss", changed.GetProperty("managerExternalId").GetString());
        Assert.False(changed.GetProperty("active").GetBoolean());
        Assert.True((await org.Admin.GetPersonAsync("new")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ReimportingTheSameFileChangesNothing()
    {
        var org = await api.CreateOrganizationAsync();
        var rows = new object[]
        {
            new { externalId = "a", displayName = "A" },
            new { externalId = "b", displayName = "B", managerExternalId = "a" },
        };
        await AssertCountsAsync(await org.Admin.ImportJsonAsync(rows), 2, 0, 0);
        await AssertCountsAsync(await org.Admin.ImportJsonAsync(rows), 0, 0, 2);
    }

    [Fact]
    public async Task Returns400AndWritesNothing_WhenTheImportMakesAManagerLoop()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.ImportJsonAsync(new object[]
        {
            new { externalId = "ok", displayName = "Fine" },
            new { externalId = "a", displayName = "A", managerExternalId = "b" },
            new { externalId = "b", displayName = "B", managerExternalId = "c" },
            new { externalId = "c", displayName = "C", managerExternalId = "a" },
        });

        var problem = await response.AssertValidationProblemAsync("rows[1].managerExternalId", "rows[2].managerExternalId", "rows[3].managerExternalId");
        Assert.False(problem.GetProperty("errors").TryGetProperty("rows[0].managerExternalId", out _));
        Assert.Contains("loop", problem.GetProperty("errors").GetProperty("rows[1].managerExternalId")[0].GetString());
        await AssertAbsentAsync(org, "ok");
    }

    [Fact]
    public async Task Returns400_WhenTheImportClosesALoopThroughStoredPeople()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("ceo");
        await org.Admin.PutPersonOkAsync("vp", manager: "ceo");
        await org.Admin.PutPersonOkAsync("dev", manager: "vp");

        // ceo → new → dev → vp → ceo: dev and vp are not in the file, their stored managers close the loop.
        var response = await org.Admin.ImportJsonAsync(new object[]
        {
            new { externalId = "ceo", displayName = "CEO", managerExternalId = "new" },
            new { externalId = "new", displayName = "New", managerExternalId = "dev" },
        });

        await response.AssertValidationProblemAsync("rows[0].managerExternalId", "rows[1].managerExternalId");
        await AssertAbsentAsync(org, "new");
        Assert.Equal(JsonValueKind.Null, (await org.Admin.GetPersonAsync("ceo")).GetProperty("managerExternalId").ValueKind);
    }

    [Fact]
    public async Task AllowsReshufflingWhereTheFileUndoesAStoredChain()
    {
        var org = await api.CreateOrganizationAsync();
        await org.Admin.PutPersonOkAsync("a");
        await org.Admin.PutPersonOkAsync("b", manager: "a");

        // Swap: b becomes a's manager. Only a loop if b's stored manager (a) were kept, but the file replaces it.
        var response = await org.Admin.ImportJsonAsync(new object[]
        {
            new { externalId = "a", displayName = "A", managerExternalId = "b" },
            new { externalId = "b", displayName = "B" },
        });

        await AssertCountsAsync(response, 0, 2, 0);
        Assert.Equal(["a"], (await org.Admin.GetPersonAsync("b")).GetProperty("directReports").Strings());
    }

    [Fact]
    public async Task Returns400ListingEveryBadRow()
    {
        var org = await api.CreateOrganizationAsync();

        var response = await org.Admin.ImportJsonAsync(new object?[]
        {
            new { externalId = "fine", displayName = "Fine" },
            new { externalId = "bad id", displayName = "Bad id" },
            new { externalId = "no-name", displayName = "" },
            new { externalId = "orphan", displayName = "Orphan", managerExternalId = "nobody" },
            new { externalId = "fine", displayName = "Again" },
            new { externalId = "self", displayName = "Self", managerExternalId = "self" },
            new { externalId = "mail", displayName = "Mail", email = "nope" },
            null,
        });

        var problem = await response.AssertValidationProblemAsync(
            "rows[1].externalId", "rows[2].displayName", "rows[3].managerExternalId", "rows[4].externalId",
            "rows[5].managerExternalId", "rows[6].email", "rows[7]");
        Assert.True(7 == problem.GetProperty("errors").EnumerateObject().Count(), problem.ToString());
        Assert.Contains("7 of 8 rows", problem.GetProperty("detail").GetString());
        await AssertAbsentAsync(org, "fine");
    }

    [Fact]
    public async Task AcceptsAnEmptyArray()
    {
        var org = await api.CreateOrganizationAsync();
        await AssertCountsAsync(await org.Admin.ImportJsonAsync(Array.Empty<object>()), 0, 0, 0);
    }

    [Fact]
    public async Task Returns400_ForJsonThatIsNotAnArrayOfPeople()
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.ImportJsonAsync(new { externalId = "a", displayName = "A" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var truncated = new StringContent("[{\"externalId\":\"a\",", Encoding.UTF8, "application/json");
        await (await org.Admin.PostAsync("/v1/people/import", truncated)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    public async Task Returns415_ForOtherContentTypes(string contentType)
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.PostAsync("/v1/people/import", new StringContent("externalId,displayName\na,A", Encoding.UTF8, contentType));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Returns413_ForABodyOver16MiB()
    {
        var org = await api.CreateOrganizationAsync();
        var csv = "externalId,displayName\n" + string.Concat(Enumerable.Repeat("x,y\n", (17 * 1024 * 1024 / 4) + 1));
        var response = await org.Admin.ImportCsvAsync(csv);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Imports10000RowsInOneRequest()
    {
        var org = await api.CreateOrganizationAsync();
        const int count = 10_000;
        var csv = new StringBuilder("externalId,displayName,email,managerExternalId,department,title,active\n");
        // A tree ten wide under e00000, written leaves first so every manager comes later in the file than its reports.
        for (var n = count - 1; n >= 0; n--)
        {
            var manager = n == 0 ? "" : $"e{(n - 1) / 10:00000}";
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"e{n:00000},\"Person {n}, the {n}th\",p{n}@example.com,{manager},Dept {n % 20},Title,true\r\n");
        }

        var clock = Stopwatch.StartNew();
        var response = await org.Admin.ImportCsvAsync(csv.ToString());
        clock.Stop();

        await AssertCountsAsync(response, count, 0, 0);
        output.WriteLine($"Imported {count} people (CSV, {csv.Length / 1024} KiB) in {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"10,000 rows took {clock.Elapsed}");

        var root = await org.Admin.GetPersonAsync("e00000");
        Assert.Equal(10, root.GetProperty("directReports").GetArrayLength());
        var leaf = await org.Admin.GetPersonAsync("e09999");
        Assert.Equal("Person 9999, the 9999th", leaf.GetProperty("displayName").GetString());
        Assert.Equal("e00999", leaf.GetProperty("managerExternalId").GetString());

        // The same file again: every row unchanged, and the re-check of 10,000 stored people is quick too.
        clock.Restart();
        await AssertCountsAsync(await org.Admin.ImportCsvAsync(csv.ToString()), 0, 0, count);
        output.WriteLine($"Re-imported the same {count} people (all unchanged) in {clock.ElapsedMilliseconds} ms");
    }

    internal static async Task AssertCountsAsync(HttpResponseMessage response, int created, int updated, int unchanged)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(
            (created, updated, unchanged),
            (body.GetProperty("created").GetInt32(), body.GetProperty("updated").GetInt32(), body.GetProperty("unchanged").GetInt32()));
    }

    internal static async Task AssertAbsentAsync(TestOrganization org, string externalId) =>
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/v1/people/{externalId}")).StatusCode);
}
