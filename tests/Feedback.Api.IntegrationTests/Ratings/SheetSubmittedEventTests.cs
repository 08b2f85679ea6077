using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed class SheetSubmittedEventTests(FeedbackApiFactory api)
{
    private async Task<List<(string Type, string Data)>> OutboxAsync(Guid organizationId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        return (await db.OutboxEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId)
            .Select(e => new { e.Type, e.Data }).ToListAsync()).Select(e => (e.Type, e.Data)).ToList();
    }

    [Fact]
    public async Task ASubmission_WritesASheetSubmittedEvent_WithIdsOnly_WhenSubscribed()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var subscribe = await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/hooks", events = new[] { "sheet.submitted" } });
        Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);

        var first = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 4, "private words"));
        var second = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 2));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var events = (await OutboxAsync(org.Id)).Where(e => e.Type == "sheet.submitted").ToList();
        Assert.Equal(2, events.Count);
        var data = events.Select(e => JsonDocument.Parse(e.Data).RootElement).OrderBy(d => d.GetProperty("revision").GetInt32()).ToList();
        Assert.Equal([1, 2], data.Select(d => d.GetProperty("revision").GetInt32()));
        Assert.All(data, d =>
        {
            Assert.Equal(seeded.AssignmentId.ToString(), d.GetProperty("assignmentId").GetString());
            Assert.Equal(seeded.CycleId.ToString(), d.GetProperty("cycleId").GetString());
            Assert.Equal("leadership", d.GetProperty("dimension").GetString());
            Assert.Equal(["assignmentId", "cycleId", "dimension", "revision"], d.EnumerateObject().Select(p => p.Name).Order());
        });
        Assert.DoesNotContain(events, e => e.Data.Contains("private words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubmission_WritesNoEvent_WhenNobodySubscribed()
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", 3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await OutboxAsync(org.Id), e => e.Type == "sheet.submitted");
    }
}
