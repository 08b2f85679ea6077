using System.Collections.Concurrent;
using Feedback.Api.IntegrationTests.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>The API with every <c>Feedback.Audit</c> line captured, with its structured fields.</summary>
public sealed class AuditedApiFactory : FeedbackApiFactory
{
    public ConcurrentQueue<(string Message, Dictionary<string, string?> Fields)> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(new Capture(Lines)));
    }

    private sealed class Capture(ConcurrentQueue<(string, Dictionary<string, string?>)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, Dictionary<string, string?>)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category == "Feedback.Audit";

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
                    : [];
                lines.Enqueue((formatter(state, exception), fields));
            }
        }
    }
}

public sealed class AuditLogTests(AuditedApiFactory api) : IClassFixture<AuditedApiFactory>
{
    [Fact]
    public async Task KeyAndWebhookChanges_AndReportReads_AreAudited_WithWhoWhatAndWhich_ButNoSecret()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        var adminId = (await org.Admin.GetFromJsonAsync<JsonElement>("/v1/api-keys")).GetProperty("items")[0].GetProperty("id").GetString();

        var key = await (await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "hr", scopes = new[] { "reports:read" } })).Content.ReadFromJsonAsync<JsonElement>();
        var keyId = key.GetProperty("id").GetString()!;
        var reader = api.ClientWithToken(key.GetProperty("key").GetString());
        var readerId = keyId;
        var hook = await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/a", events = new[] { "cycle.closed" } })).Content.ReadFromJsonAsync<JsonElement>();
        var hookId = hook.GetProperty("id").GetString()!;
        var rotated = await (await org.Admin.PostAsync($"/v1/webhooks/{hookId}/secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        const string subject = "alice"; // a subject of the scenario
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/cycles/{cycleId}/reports/people/{subject}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).StatusCode);
        using (var csv = new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{cycleId}/reports/gaps"))
        {
            csv.Headers.Accept.ParseAdd("text/csv");
            Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(csv)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/people/{subject}/reports/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync($"/v1/webhooks/{hookId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await org.Admin.DeleteAsync($"/v1/api-keys/{keyId}")).StatusCode);

        var mine = api.Lines.Where(l => l.Fields.GetValueOrDefault("OrganizationId") == org.Id.ToString()).ToList();
        void Expect(string action, string? resource, string? credential)
        {
            Assert.True(mine.Any(l => l.Fields.GetValueOrDefault("Action") == action
                && (resource is null || l.Fields.GetValueOrDefault("ResourceId") == resource)
                && l.Fields.GetValueOrDefault("CredentialId") == credential),
                $"no audit line for {action} {resource} by {credential}; got: {string.Join(" | ", mine.Select(m => m.Message))}");
        }

        Expect("api-key.created", keyId, adminId);
        Expect("webhook.created", hookId, adminId);
        Expect("webhook.secret-rotated", hookId, adminId);
        Expect("report.person.read", $"{cycleId}/{subject}", readerId);
        Expect("report.gaps.read", cycleId.ToString(), readerId);
        Expect("report.gaps.exported", cycleId.ToString(), readerId);
        Expect("report.trend.read", subject, readerId);
        Expect("webhook.deleted", hookId, adminId);
        Expect("api-key.revoked", keyId, adminId);

        var everything = string.Join("\n", api.Lines.Select(l => l.Message + string.Join(",", l.Fields.Values)));
        foreach (var secret in new[] { org.AdminKey, key.GetProperty("key").GetString()!, hook.GetProperty("secret").GetString()!, rotated.GetProperty("secret").GetString()! })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public async Task AFailedAuthentication_IsAudited_WithoutTheToken()
    {
        var token = "fbk_wrong-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(token).GetAsync("/v1/behaviors")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken("fbr_" + Guid.NewGuid().ToString("N")).GetAsync("/v1/assignments/me")).StatusCode);

        var failures = api.Lines.Where(l => l.Fields.GetValueOrDefault("Action") == "authentication.failed").ToList();
        Assert.Contains(failures, f => f.Fields.GetValueOrDefault("Reason") == "unknown or revoked API key");
        Assert.Contains(failures, f => f.Fields.GetValueOrDefault("Reason") == "unknown rater token");
        Assert.DoesNotContain(api.Lines, l => l.Message.Contains(token, StringComparison.Ordinal) || l.Fields.ContainsValue(token));
    }
}
