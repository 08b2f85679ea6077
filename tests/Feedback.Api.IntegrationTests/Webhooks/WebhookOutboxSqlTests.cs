using Feedback.Api.Data;
using Feedback.Api.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Webhooks;

/// <summary>The sheet.submitted hooks the ratings handler will call, checked end to end before it does.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookOutboxSqlTests(WebhookApiFactory api)
{
    [Fact]
    public async Task ASheetWrittenByAnyCodePath_WritesASheetSubmittedEvent_ThatIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        await org.SubscribeAsync($"{receiver.BaseUrl}/sheets", "sheet.submitted");
        var seeded = await org.AssignmentAsync();

        // Not through the API: the event is the database's (the sheets_after_write trigger), so a script writes it too.
        await using (var connection = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var score in new[] { 2, 3 })
            {
                await using var upsert = new Npgsql.NpgsqlCommand("""
                    INSERT INTO sheets AS s (id, organization_id, cycle_id, assignment_id, dimension, scores, revision, submitted_at)
                    VALUES (gen_random_uuid(), @org, @cycle, @assignment, 'Management', @scores::jsonb, 1, now())
                    ON CONFLICT (organization_id, cycle_id, assignment_id, dimension) DO UPDATE
                        SET scores = EXCLUDED.scores, revision = s.revision + 1, submitted_at = EXCLUDED.submitted_at
                    """, connection);
                upsert.Parameters.AddWithValue("org", org.Id);
                upsert.Parameters.AddWithValue("cycle", seeded.CycleId);
                upsert.Parameters.AddWithValue("assignment", seeded.AssignmentId);
                upsert.Parameters.AddWithValue("scores", JsonSerializer.Serialize(RatingsSeed.Management.ToDictionary(k => k, _ => score)));
                await upsert.ExecuteNonQueryAsync();
            }
        }

        var hooks = await receiver.WaitForAsync(r => true, count: 2);
        var data = hooks.Select(h => h.Json.GetProperty("data")).OrderBy(d => d.GetProperty("revision").GetInt32()).ToList();
        Assert.Equal([1, 2], data.Select(d => d.GetProperty("revision").GetInt32()));
        Assert.All(data, d =>
        {
            Assert.Equal(seeded.CycleId, d.GetProperty("cycleId").GetGuid());
            Assert.Equal(seeded.AssignmentId, d.GetProperty("assignmentId").GetGuid());
            Assert.Equal("management", d.GetProperty("dimension").GetString());
        });
    }

    [Fact]
    public async Task AnEventEnqueuedInARolledBackTransaction_IsNeverSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        await org.SubscribeAsync($"{receiver.BaseUrl}/sheets", "sheet.submitted");
        var assignmentId = Guid.NewGuid();

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            WebhookOutbox.Enqueue(db, org.Id, WebhookEventTypes.SheetSubmitted,
                new SheetSubmittedData(Guid.NewGuid(), Guid.NewGuid(), Domain.Dimension.Leadership, 1));
            await db.SaveChangesAsync();
            await tx.RollbackAsync(); // the change failed: its event must go with it

            WebhookOutbox.Enqueue(db, org.Id, WebhookEventTypes.SheetSubmitted,
                new SheetSubmittedData(Guid.NewGuid(), assignmentId, Domain.Dimension.Leadership, 1));
            await db.SaveChangesAsync();
        }

        var hook = (await receiver.WaitForAsync(r => true)).Single();
        Assert.Equal(assignmentId, hook.Json.GetProperty("data").GetProperty("assignmentId").GetGuid());
        Assert.Equal("leadership", hook.Json.GetProperty("data").GetProperty("dimension").GetString());
        await Task.Delay(500);
        Assert.Single(receiver.Received);
    }
}
