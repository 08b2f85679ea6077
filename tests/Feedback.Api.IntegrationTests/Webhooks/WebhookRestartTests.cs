namespace Feedback.Api.IntegrationTests.Webhooks;

[Collection(WebhookRestartCollection.Name)]
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task AnEventCommittedByAnInstanceThatDiesBeforeDelivering_IsDeliveredByTheNextInstance()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Guid cycleId;
        TestOrganization org;
        string secret;

        // Instance 1 commits the change (and its events) but never dispatches, then goes away.
        await using (var first = new SilentWebhookApiFactory())
        {
            await first.InitializeAsync();
            org = await first.CreateOrganizationAsync();
            secret = (await org.SubscribeAsync($"{receiver.BaseUrl}/restart", "cycle.opened", "cycle.closed")).GetProperty("secret").GetString()!;
            cycleId = await org.CreateCycleAsync();
            await org.TransitionAsync(cycleId, "open");
            await org.TransitionAsync(cycleId, "close");
            await Task.Delay(500);
            Assert.Empty(receiver.Received);
        }

        await Task.Delay(300);
        Assert.Empty(receiver.Received);

        // Instance 2 starts over the same database and delivers what instance 1 committed.
        await using var second = new WebhookApiFactory();
        await second.InitializeAsync();
        _ = second.Services; // starts the host, and with it the dispatcher

        var hooks = await receiver.WaitForAsync(r => true, count: 2);
        Assert.Equal(["cycle.closed", "cycle.opened"], hooks.Select(h => h.Type).Order());
        Assert.All(hooks, h =>
        {
            Assert.True(h.HasValidSignature(secret));
            Assert.Equal(cycleId, h.Json.GetProperty("data").GetProperty("cycleId").GetGuid());
        });
    }
}
