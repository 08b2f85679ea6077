using Feedback.Api.Common.Secrets;
using Feedback.Api.Data;
using Feedback.Api.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Security;

[Collection(ApiCollection.Name)]
public sealed class SecretsAtRestTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ADatabaseDump_HoldsNoSecret_OfKeysTokensOrWebhooks_CreatedWithIdempotencyKeys()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var cycleId = await org.CreateCycleAsync();
        var secrets = new Dictionary<string, string>();
        var replays = new List<(string Path, object? Body, string Key, string Secret)>();

        async Task<JsonElement> PostAsync(string path, object? body, string idempotencyKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            var response = await org.Admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement;
        }

        var key = await PostAsync("/v1/api-keys", new { name = "hr", scopes = new[] { "people:write" } }, "key-1");
        secrets["API key"] = key.GetProperty("key").GetString()!;
        var assignment = await PostAsync($"/v1/cycles/{cycleId}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "peer" }, "assign-1");
        secrets["rater token"] = assignment.GetProperty("raterToken").GetString()!;
        var reissued = await PostAsync($"/v1/cycles/{cycleId}/assignments/{assignment.GetProperty("id").GetGuid()}/token", null, "reissue-1");
        secrets["reissued rater token"] = reissued.GetProperty("raterToken").GetString()!;
        var generated = await PostAsync($"/v1/cycles/{cycleId}/assignments/generate", new { relationships = new[] { "self" } }, "generate-1");
        secrets["generated rater token"] = generated.GetProperty("assignments")[0].GetProperty("raterToken").GetString()!;
        var webhook = await PostAsync("/v1/webhooks", new { url = "https://hooks.example.com/feedback", events = new[] { "cycle.closed" } }, "hook-1");
        secrets["webhook secret"] = webhook.GetProperty("secret").GetString()!;
        var webhookId = webhook.GetProperty("id").GetGuid();
        var rotated = await PostAsync($"/v1/webhooks/{webhookId}/secret", new { overlapSeconds = 3600 }, "rotate-1");
        secrets["rotated webhook secret"] = rotated.GetProperty("secret").GetString()!;

        // A canary in clear proves the dump holds this organization's rows and that the search would find a secret.
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.PutAsJsonAsync("/v1/people/canary", new { displayName = canary })).StatusCode);

        var dump = await PostgresTools.DumpAsync(api.ConnectionString);

        Assert.Equal(["text", "hex", "HEX", "base64+0", "base64url+0", "base64+1", "base64url+1", "base64+2", "base64url+2"],
            SecretSearch.Forms(canary).Select(f => f.Form));
        Assert.Contains(canary, dump);
        Assert.Contains(webhookId.ToString(), dump);
        Assert.Contains("rotate-1", dump); // the idempotency records are there, just unreadable
        foreach (var (what, secret) in secrets)
        {
            Assert.True(SecretSearch.FoundIn(dump, secret) is [], $"the {what} is in the dump as {string.Join(", ", SecretSearch.FoundIn(dump, secret))}");
        }

        Assert.DoesNotContain("<masterKey", dump); // the key ring is not in the database either
    }

    [Fact]
    public async Task AReplay_ReturnsTheSameSecretExactly_FromTheEncryptedRecord()
    {
        var org = await api.CreateOrganizationAsync();
        async Task<(HttpResponseMessage Response, string Text)> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys") { Content = JsonContent.Create(new { name = "hr", scopes = new[] { "admin" } }) };
            request.Headers.Add("Idempotency-Key", "same");
            var response = await org.Admin.SendAsync(request);
            return (response, await response.Content.ReadAsStringAsync());
        }

        var (first, firstText) = await CreateAsync();
        var (replay, replayText) = await CreateAsync();

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(firstText, replayText);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal("no-store", replay.Headers.CacheControl?.ToString());
        var key = JsonDocument.Parse(firstText).RootElement.GetProperty("key").GetString()!;

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var stored = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == "same" && r.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5)
            && db.ApiKeys.Any(k => k.OrganizationId == org.Id && k.Id == r.CredentialId));
        Assert.NotNull(stored.ResponseBody);
        Assert.Empty(SecretSearch.FoundIn(Convert.ToHexStringLower(stored.ResponseBody!) + System.Text.Encoding.Latin1.GetString(stored.ResponseBody!), key));
    }

    [Fact]
    public async Task AWebhookSecretStoredInClearByAnOlderVersion_IsEncryptedAtStart_AndStillSigns()
    {
        var org = await api.CreateOrganizationAsync();
        var id = (await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/legacy", events = new[] { "cycle.opened" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        const string legacy = "whsec_stored-in-clear-by-version-1";
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            await db.WebhookSubscriptions.Where(s => s.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.PlaintextSecret, legacy).SetProperty(s => s.ProtectedSecret, (byte[]?)null));
        }

        // A second instance starting over the same database runs the start-up step.
        await using var restarted = api.WithWebHostBuilder(_ => { });
        restarted.CreateClient();

        await using (var scope = restarted.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            var row = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
            Assert.Null(row.PlaintextSecret);
            Assert.NotNull(row.ProtectedSecret);
            Assert.Empty(SecretSearch.FoundIn(Convert.ToHexStringLower(row.ProtectedSecret!), legacy));
            Assert.Equal(legacy, scope.ServiceProvider.GetRequiredService<SecretProtector>().UnprotectWebhookSecret(row.ProtectedSecret!));
        }
    }

    [Fact]
    public async Task AStoredResponseTheKeyRingCannotDecrypt_Is409_NotARerun()
    {
        var org = await api.CreateOrganizationAsync();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys") { Content = JsonContent.Create(new { name = "hr", scopes = new[] { "admin" } }) };
        first.Headers.Add("Idempotency-Key", "lost-keys");
        Assert.Equal(HttpStatusCode.Created, (await org.Admin.SendAsync(first)).StatusCode);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            // What a record encrypted with a key the ring no longer has looks like.
            var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
            Assert.Equal(1, await db.IdempotencyRecords
                .Where(r => r.Key == "lost-keys" && db.ApiKeys.Any(k => k.OrganizationId == org.Id && k.Id == r.CredentialId))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ResponseBody, new byte[] { 9, 9, 9, 9 })));
        }

        using var again = new HttpRequestMessage(HttpMethod.Post, "/v1/api-keys") { Content = JsonContent.Create(new { name = "hr", scopes = new[] { "admin" } }) };
        again.Headers.Add("Idempotency-Key", "lost-keys");
        var response = await org.Admin.SendAsync(again);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/idempotency-unreadable", problem.GetProperty("type").GetString());
        var keys = await org.Admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        Assert.Equal(2, keys.GetProperty("items").GetArrayLength()); // the bootstrap key and the first one: nothing ran twice
    }
}
