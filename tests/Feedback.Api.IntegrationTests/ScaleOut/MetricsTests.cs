using System.Globalization;
using System.Text.RegularExpressions;
using Feedback.Api.IntegrationTests.Reports;
using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.ScaleOut;

public sealed class MetricsApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:Metrics:Enabled", "true");
    }
}

/// <summary>The Prometheus scrape endpoint: our instruments beside ASP.NET Core's and Npgsql's, without an API key.</summary>
public sealed partial class MetricsTests(MetricsApiFactory api) : IClassFixture<MetricsApiFactory>
{
    [Fact]
    public async Task Metrics_ShowOurInstruments_AfterSubmissionsReportsAndReplays()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management"))).StatusCode);

        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).StatusCode);
        for (var i = 0; i < 2; i++)
        {
            var post = new HttpRequestMessage(HttpMethod.Post, "/v1/cycles") { Content = JsonContent.Create(new { name = "replayed" }) };
            post.Headers.Add("Idempotency-Key", "metrics-replay");
            Assert.Equal(HttpStatusCode.Created, (await org.Admin.SendAsync(post)).StatusCode);
        }

        var response = await api.CreateClient().GetAsync("/metrics"); // no Authorization header
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        // At least what this test did (other hosts in this test process may add to the same meter name).
        Assert.True(Value(text, "feedback_sheets_submitted_total", "dimension=\"leadership\"") >= 1, text);
        Assert.True(Value(text, "feedback_sheets_submitted_total", "dimension=\"management\"") >= 1, text);
        Assert.True(Value(text, "feedback_reports_served_total", "report=\"person\"") >= 1, text);
        Assert.True(Value(text, "feedback_reports_served_total", "report=\"gaps\"") >= 1, text);
        Assert.True(Value(text, "feedback_cycle_close_duration_seconds_count", "") >= 1, text);
        Assert.True(Value(text, "feedback_idempotency_replays_total", "") >= 1, text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_route=\"/v1/cycles/{cycleId:guid}/reports/people/{externalId}\"", text);
        Assert.Matches(@"(?m)^db_client_\w+", text); // Npgsql's own instruments
        Assert.DoesNotContain(seeded.RaterToken, text);
    }

    [Fact]
    public async Task TheScrapeEndpoint_IsNotInTheOpenApiDocument()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("\"/metrics\"", document);
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string text, string name, string label) =>
        Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.e+-]+)")]
    private static partial Regex Sample();
}

[Collection(ApiCollection.Name)]
public sealed class MetricsOffTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Metrics_Are404_UnlessEnabled()
    {
        var response = await api.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
