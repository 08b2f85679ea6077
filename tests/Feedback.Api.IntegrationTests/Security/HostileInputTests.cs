using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CsCheck;
using Feedback.Api.IntegrationTests.Scim;
using Feedback.Api.IntegrationTests.Security.Fuzzing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>
/// The API without rate limits and without the contract validator: the fuzzer's requests break the contract on
/// purpose (a body where none is taken, a mangled path), so a 413 or 415 the document does not list for an operation is
/// a fair answer; the fuzzer checks every answer itself (below).
/// </summary>
public sealed class FuzzApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:RateLimits:Enabled", "false");
        builder.ConfigureServices(s =>
        {
            foreach (var filter in s.Where(d => d.ImplementationType == typeof(Infrastructure.Contract.ContractValidationStartupFilter)).ToList())
            {
                s.Remove(filter);
            }
        });
    }
}

/// <summary>
/// A CsCheck fuzzer driven by the published OpenAPI document: for every operation, requests built from its parameters
/// and body schemas, then broken (wrong types, missing and unknown fields, keys twice, huge strings, deep nesting,
/// invalid UTF-8, Unicode edge cases, bodies around 1 MiB, wrong content types, mangled paths and queries). Every answer
/// must be below 500; every 4xx a problem (a SCIM error under /scim/) whose status is the response's; no body may show
/// a stack trace, SQL or the database driver.
/// </summary>
public sealed partial class HostileInputTests(FuzzApiFactory api, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    /// <summary>At least 10,000 requests; FEEDBACK_FUZZ_REQUESTS asks for more (or fewer, while working on it).</summary>
    private static readonly int Total = int.TryParse(Environment.GetEnvironmentVariable("FEEDBACK_FUZZ_REQUESTS"), out var n) ? n : 10_200;

    [Fact]
    public async Task TenThousandMalformedRequests_OverEveryOperation_GetNo5xx_AndOnlyCleanProblems()
    {
        var (targets, admin, rater) = await TargetsAsync();
        var document = new OpenApiDocument(await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        var only = Environment.GetEnvironmentVariable("FEEDBACK_FUZZ_ONLY"); // e.g. "import", while chasing a finding
        var operations = document.Operations()
            .Where(o => only is null || o.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            // Operations that end what the others address (close, delete) go last, so the rest run against live resources.
            .OrderBy(o => o.Method == "DELETE" || o.Path.EndsWith("/close", StringComparison.Ordinal))
            .ToList();
        var known = RatingsSeed.Leadership.Concat(RatingsSeed.Management)
            .Concat(["self", "manager", "peer", "directReport", "other", "admin", "people:write", "cycles:write", "ratings:write",
                "reports:read", "cycle.opened", "cycle.closed", "reports.ready", "sheet.submitted", "leadership", "management",
                targets.Person, "https://hooks.example.com/fuzz", "replace", "add", "remove", "active", "userName", "title"])
            .ToList();
        var requests = new FuzzRequests(new SchemaJson(document, known), targets);
        var perOperation = (int)Math.Ceiling(Total / (double)operations.Count);
        var sent = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentDictionary<int, int>();
        var client = api.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan; // each request has its own deadline below

        foreach (var operation in operations)
        {
            await requests.For(operation).SampleAsync(async request =>
            {
                var token = request.Caller switch
                {
                    FuzzCaller.Admin => admin,
                    FuzzCaller.Rater => rater,
                    FuzzCaller.Garbage => "fbk_garbage",
                    _ => null,
                };
                using var message = request.ToMessage(token);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(message, deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer within 60 s (a request that hangs the service) for {request}");
                }

                using var _ = response;
                var body = await response.Content.ReadAsStringAsync();
                sent.AddOrUpdate(operation.Name, 1, (_, n) => n + 1);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                Check(request, response, body);
            }, iter: perOperation, threads: 4, print: r => r.ToString());
        }

        Assert.True(only is not null || sent.Values.Sum() >= Math.Min(Total, 10_000), $"sent {sent.Values.Sum()}");
        Assert.All(operations, o => Assert.True(sent.GetValueOrDefault(o.Name) >= perOperation, $"{o.Name}: {sent.GetValueOrDefault(o.Name)}"));
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300), "no request at all got through: the fuzzer tests only the front door");
        output.WriteLine($"hostile input: {sent.Values.Sum()} requests over {operations.Count} operations; statuses "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
    }

    private static void Check(FuzzRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} for {request}: {Cut(body)}");
        Assert.False(Leaky().IsMatch(body), $"the answer shows internals ({Leaky().Match(body).Value}) for {request}: {Cut(body)}");
        if (status < 400)
        {
            return;
        }

        var scim = request.Url.StartsWith("/scim/", StringComparison.Ordinal);
        Assert.True(response.Content.Headers.ContentType?.MediaType == (scim ? "application/scim+json" : "application/problem+json"),
            $"{status} as {response.Content.Headers.ContentType} for {request}: {Cut(body)}");
        using var parsed = JsonDocument.Parse(body);
        var reported = parsed.RootElement.GetProperty("status");
        Assert.Equal(status, scim ? int.Parse(reported.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : reported.GetInt32());
        if (scim)
        {
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", parsed.RootElement.GetProperty("schemas")[0].GetString());
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(parsed.RootElement.GetProperty("type").GetString()));
        }
    }

    private static string Cut(string s) => s.Length <= 400 ? s : s[..400] + "…";

    /// <summary>A stack frame, an exception type, the driver or the database's own error text. Linear time: bodies may
    /// echo a megabyte-long value.</summary>
    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.[\w<>`]+\(|Npgsql|PostgresException|SqlState|[A-Z][a-z]+Exception\b|syntax error at or near|violates (?:unique|foreign|check)|duplicate key value|relation ""|StackTrace|System\.[A-Z]\w+\.",
        RegexOptions.NonBacktracking)]
    private static partial Regex Leaky();

    private async Task<(FuzzTargets Targets, string Admin, string Rater)> TargetsAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("fz-boss", null), ("fz-ann", "fz-boss"), ("fz-bob", "fz-boss"));
        var open = await org.CreateCycleAsync(new { name = "fuzz open", behaviors = RatingsSeed.Leadership.Concat(RatingsSeed.Management).ToArray() });
        var (assignment, raterToken) = await org.AssignAsync(open, "fz-ann", "fz-bob", "peer");
        await org.TransitionAsync(open, "open");
        var closed = await org.CreateCycleAsync(new { name = "fuzz closed" });
        await org.AssignAsync(closed, "fz-ann", "fz-boss", "manager");
        await org.TransitionAsync(closed, "open");
        await org.TransitionAsync(closed, "close");
        var spare = await (await org.Admin.PostAsJsonAsync("/v1/api-keys", new { name = "spare", scopes = new[] { "reports:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var webhook = await (await org.Admin.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/fuzz", events = new[] { "cycle.opened" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var scimUser = await org.Admin.CreateUserAsync("fz-scim");
        return (new FuzzTargets(open, closed, assignment, "fz-ann", spare.GetProperty("id").GetGuid(), webhook.GetProperty("id").GetGuid(),
            scimUser, "empathy"), org.AdminKey, raterToken);
    }
}
