using Feedback.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using static Feedback.Api.IntegrationTests.Reports.ReportScenario;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>
/// A person report is one statement that looks the report up by (cycle, externalId). EF Core once translated its
/// "first report of this person" into ROW_NUMBER() over every report with that externalId: a scan that grew with the
/// cycle (14 ms a request at 100k subjects in the benchmark).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PersonReportQueryTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task APersonReport_IsOneStatement_WithoutAWindowOverOtherReports()
    {
        var (org, cycleId) = await BuildClosedAsync(api);
        var capture = new CapturingLoggerProvider();
        await using var logged = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l
            .AddFilter<CapturingLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)
            .AddProvider(capture)));
        var client = logged.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await org.CreateKeyAsync("reports:read"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/cycles/{cycleId}/reports/people/bob")).StatusCode);
        capture.Lines.Clear(); // the key's lookup is cached now: what follows is the report's own statement

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);

        var command = Assert.Single(capture.Lines, l => l.Contains("Executed DbCommand", StringComparison.Ordinal));
        Assert.Contains("subject_reports", command, StringComparison.Ordinal);
        Assert.DoesNotContain("ROW_NUMBER", command, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" OVER", command, StringComparison.OrdinalIgnoreCase);
    }
}
