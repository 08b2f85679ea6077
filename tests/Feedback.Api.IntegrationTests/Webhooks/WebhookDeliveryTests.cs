namespace Feedback.Api.IntegrationTests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookApiFactory api)
{
    [Fact]
    public async Task OpeningACycle_PostsASignedCycleOpenedEvent_ToTheSubscribedUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        var webhook = await org.SubscribeAsync($"{receiver.BaseUrl}/hooks/feedback", "cycle.opened");
        var secret = webhook.GetProperty("secret").GetString()!;
        var cycleId = await org.CreateCycleAsync();

        await org.TransitionAsync(cycleId, "open");

        var hook = (await receiver.WaitForAsync(r => true)).Single();
        Assert.Equal("/hooks/feedback", hook.Path);
        Assert.Equal("application/json", hook.ContentType?.Split(';')[0]);
        Assert.True(hook.HasValidSignature(secret), $"bad signature {hook.Signature}");
        Assert.False(hook.HasValidSignature(secret + "x"));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(hook.Timestamp!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var body = hook.Json;
        Assert.Equal(hook.Id, body.GetProperty("id").GetString());
        Assert.Equal("cycle.opened", body.GetProperty("type").GetString());
        Assert.Equal(org.Id, body.GetProperty("organizationId").GetGuid());
        Assert.True(body.TryGetProperty("occurredAt", out _));
        Assert.Equal(cycleId, body.GetProperty("data").GetProperty("cycleId").GetGuid());

        var attempt = Assert.Single(await org.WaitForAttemptsAsync(webhook.GetProperty("id").GetGuid(), 1));
        Assert.Equal(hook.Id, attempt.GetProperty("eventId").GetString());
        Assert.Equal("cycle.opened", attempt.GetProperty("eventType").GetString());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.True(attempt.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task AReceiverAnswering500_GetsTheSameEventAgain_AndTheLogShowsBothAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith(500);
        var org = await api.CreateOrganizationAsync();
        var webhook = await org.SubscribeAsync($"{receiver.BaseUrl}/retry", "cycle.opened");
        var cycleId = await org.CreateCycleAsync();

        await org.TransitionAsync(cycleId, "open");

        var hooks = await receiver.WaitForAsync(r => true, count: 2);
        Assert.Equal(hooks[0].Id, hooks[1].Id);
        Assert.Equal(hooks[0].Body, hooks[1].Body);
        var secret = webhook.GetProperty("secret").GetString()!;
        Assert.All(hooks, h => Assert.True(h.HasValidSignature(secret)));

        var attempts = await org.WaitForAttemptsAsync(webhook.GetProperty("id").GetGuid(), 2);
        Assert.Equal(2, attempts.Length);
        // Newest first.
        Assert.Equal([2, 1], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([200, 500], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal([true, false], attempts.Select(a => a.GetProperty("succeeded").GetBoolean()));
        Assert.All(attempts, a => Assert.Equal(hooks[0].Id, a.GetProperty("eventId").GetString()));

        // Delivered: no third attempt comes.
        await Task.Delay(700);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task AReceiverThatNeverSucceeds_GetsMaxAttempts_AndTheLogRecordsStatusOrError()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith(503, 503, 503, 503, 503);
        var org = await api.CreateOrganizationAsync();
        var failing = await org.SubscribeAsync($"{receiver.BaseUrl}/down", "cycle.opened");
        // A port nobody listens on: connection refused.
        var unreachable = await org.SubscribeAsync($"http://127.0.0.1:{FreePort()}/nobody", "cycle.opened");
        var cycleId = await org.CreateCycleAsync();

        await org.TransitionAsync(cycleId, "open");

        var attempts = await org.WaitForAttemptsAsync(failing.GetProperty("id").GetGuid(), WebhookApiFactory.MaxAttempts);
        Assert.All(attempts, a => Assert.Equal(503, a.GetProperty("statusCode").GetInt32()));
        var refused = await org.WaitForAttemptsAsync(unreachable.GetProperty("id").GetGuid(), WebhookApiFactory.MaxAttempts);
        Assert.All(refused, a =>
        {
            Assert.Equal(JsonValueKind.Null, a.GetProperty("statusCode").ValueKind);
            // A fixed phrase, never the exception's text with the target's address and port.
            Assert.Equal("Connection refused.", a.GetProperty("error").GetString());
        });

        // Retries stop at MaxAttempts (backoff 100, 200 ms here: a fourth would have come by now).
        await Task.Delay(1500);
        Assert.Equal(WebhookApiFactory.MaxAttempts, receiver.Received.Count);
    }

    [Fact]
    public async Task ClosingACycle_SendsClosedAndReportsReady_WithIdsAndCountsOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var webhook = await org.SubscribeAsync($"{receiver.BaseUrl}/all", "cycle.opened", "cycle.closed", "reports.ready", "sheet.submitted");
        var cycleId = await org.CreateCycleAsync();
        var tokens = new List<string>
        {
            (await org.AssignAsync(cycleId, "ann", "boss", "manager")).Token,
            (await org.AssignAsync(cycleId, "ann", "bob", "peer")).Token,
            (await org.AssignAsync(cycleId, "bob", "boss", "manager")).Token,
        };

        await org.TransitionAsync(cycleId, "open");
        await org.TransitionAsync(cycleId, "close");

        var hooks = await receiver.WaitForAsync(r => true, count: 3);
        Assert.Equal(["cycle.closed", "cycle.opened", "reports.ready"], hooks.Select(h => h.Type).Order());
        Assert.Equal(3, hooks.Select(h => h.Id).Distinct().Count());
        var data = hooks.ToDictionary(h => h.Type, h => h.Json.GetProperty("data"));
        Assert.Equal(["assignments", "cycleId", "subjects"], Keys(data["cycle.opened"]));
        Assert.Equal(["assignments", "cycleId", "sheets", "subjects"], Keys(data["cycle.closed"]));
        Assert.Equal(["cycleId", "subjects"], Keys(data["reports.ready"]));
        Assert.Equal(3, data["cycle.closed"].GetProperty("assignments").GetInt32());
        Assert.Equal(2, data["cycle.closed"].GetProperty("subjects").GetInt32());
        Assert.Equal(0, data["cycle.closed"].GetProperty("sheets").GetInt32());
        Assert.Equal(2, data["reports.ready"].GetProperty("subjects").GetInt32());

        foreach (var hook in hooks)
        {
            Assert.Equal(["data", "id", "occurredAt", "organizationId", "type"], Keys(hook.Json));
            Assert.All(tokens, t => Assert.DoesNotContain(t, hook.Body));
            Assert.DoesNotContain("score", hook.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("comment", hook.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(webhook.GetProperty("secret").GetString()!, hook.Body);
        }
    }

    [Fact]
    public async Task ASubscription_GetsOnlyTheEventsItAskedFor_AndOnlyItsOwnOrganizations()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        var other = await api.CreateOrganizationAsync();
        await org.SubscribeAsync($"{receiver.BaseUrl}/closed-only", "cycle.closed");
        await other.SubscribeAsync($"{receiver.BaseUrl}/other-org", "cycle.opened", "cycle.closed");
        var cycleId = await org.CreateCycleAsync();

        await org.TransitionAsync(cycleId, "open");
        await org.TransitionAsync(cycleId, "close");

        var hook = (await receiver.WaitForAsync(r => true)).Single();
        Assert.Equal("cycle.closed", hook.Type);
        await Task.Delay(700);
        Assert.Equal(["/closed-only"], receiver.Received.Select(r => r.Path));
    }

    [Fact]
    public async Task AnIllegalTransition_CommitsNoEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await api.CreateOrganizationAsync();
        await org.SubscribeAsync($"{receiver.BaseUrl}/x", "cycle.closed", "reports.ready");
        var cycleId = await org.CreateCycleAsync();

        var close = await org.Admin.PostAsync($"/v1/cycles/{cycleId}/close", null);
        await close.AssertProblemAsync(HttpStatusCode.Conflict);

        await Task.Delay(700);
        Assert.Empty(receiver.Received);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
}
