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
    public async Task TheRawSqlCte_WritesASheetSubmittedEvent_ThatIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        await org.SubscribeAsync($"{receiver.BaseUrl}/sheets", "sheet.submitted");
        var (cycleId, assignmentId) = (Guid.NewGuid(), Guid.NewGuid());

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            var sql = $"""
                WITH upserted AS (
                    SELECT @org::uuid AS organization_id, @cycle::uuid AS cycle_id, @assignment::uuid AS assignment_id,
                           'Management'::text AS dimension, 2 AS revision),
                {WebhookOutbox.SheetSubmittedCte("upserted")}
                SELECT 1
                """;
            await db.Database.ExecuteSqlRawAsync(sql,
                new Npgsql.NpgsqlParameter("org", org.Id), new Npgsql.NpgsqlParameter("cycle", cycleId),
                new Npgsql.NpgsqlParameter("assignment", assignmentId));
        }

        var data = (await receiver.WaitForAsync(r => true)).Single().Json.GetProperty("data");
        Assert.Equal(cycleId, data.GetProperty("cycleId").GetGuid());
        Assert.Equal(assignmentId, data.GetProperty("assignmentId").GetGuid());
        Assert.Equal("management", data.GetProperty("dimension").GetString());
        Assert.Equal(2, data.GetProperty("revision").GetInt32());
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
