using System.Diagnostics;
using Feedback.Api.Data;
using Feedback.Api.IntegrationTests.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.Assignments;

[Collection(ApiCollection.Name)]
public sealed class GenerateAssignmentsScaleTests(FeedbackApiFactory api, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratesFor2000People_InOneRequest_WithinTheCaps()
    {
        const int count = 2_000;
        var org = await api.CreateOrganizationAsync();
        // A tree seven wide: every manager has 7 reports, so managers are asked for 9+ pairs and peers outnumber the cap.
        var rows = Enumerable.Range(0, count).Select(n => new
        {
            externalId = $"e{n:D5}",
            displayName = $"Person {n}",
            managerExternalId = n == 0 ? null : $"e{(n - 1) / 7:D5}",
        });
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.ImportJsonAsync(rows)).StatusCode);
        var cycle = await org.CreateCycleAsync();

        var clock = Stopwatch.StartNew();
        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        var created = body.GetProperty("created").GetInt32();
        var assignments = body.GetProperty("assignments").EnumerateArray().ToList();
        output.WriteLine($"Generated {created} assignments for {count} people in {clock.ElapsedMilliseconds} ms "
            + $"({text.Length / 1024} KiB response; {body.GetProperty("cappedRaters").GetArrayLength()} raters and "
            + $"{body.GetProperty("cappedSubjects").GetArrayLength()} subjects at a cap)");
        // Printed, not asserted: the speed goal is measured by tests/Feedback.Benchmarks on a quiet machine.

        Assert.Equal(created, assignments.Count);
        Assert.Equal(count, assignments.Count(a => a.GetProperty("relationship").GetString() == "self"));
        Assert.All(assignments.CountBy(a => a.GetProperty("raterExternalId").GetString()!), c => Assert.InRange(c.Value, 1, 10));
        Assert.All(assignments.Where(a => a.GetProperty("relationship").GetString() == "peer").CountBy(a => a.GetProperty("subjectExternalId").GetString()!),
            c => Assert.InRange(c.Value, 1, 4));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            Assert.Equal(created, await db.Assignments.CountAsync(a => a.OrganizationId == org.Id && a.CycleId == cycle));
        }

        // Again: nothing new, and checking 2,000 people against the existing pairs is quick.
        clock.Restart();
        var again = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments/generate", new { });
        var againBody = await again.Content.ReadFromJsonAsync<JsonElement>();
        clock.Stop();
        output.WriteLine($"Ran it again (0 created, {againBody.GetProperty("skippedExisting").GetInt32()} existing) in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, againBody.GetProperty("created").GetInt32());
        Assert.Equal(created, againBody.GetProperty("skippedExisting").GetInt32());
    }
}
