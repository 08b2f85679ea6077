using Feedback.Api.IntegrationTests.Reports;
using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>A "replica" nobody listens on: report reads try it, find it refused, and go on on the primary.</summary>
public sealed class UnreachableReplicaApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:FeedbackReadOnly", "Host=127.0.0.1;Port=1;Username=postgres;Database=replica;Timeout=2");
    }
}

public sealed class ReadReplicaTests(UnreachableReplicaApiFactory api) : IClassFixture<UnreachableReplicaApiFactory>
{
    [Fact]
    public async Task Reports_AreAnsweredFromThePrimary_WhenTheReplicaIsUnreachable()
    {
        var (org, cycleId) = await ReportScenario.BuildClosedAsync(api);

        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{cycleId}/reports/people/alice")).StatusCode);
        var csv = await org.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/cycles/{cycleId}/reports/gaps") { Headers = { { "Accept", "text/csv" } } });
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync("/v1/people/alice/reports/trend")).StatusCode);

        // The primary's answers, not the replica's: an unknown person is 404 and a draft cycle's report 409.
        await (await org.Admin.GetAsync("/v1/people/nobody/reports/trend")).AssertProblemAsync(HttpStatusCode.NotFound);
        var draft = await org.CreateCycleAsync();
        await (await org.Admin.GetAsync($"/v1/cycles/{draft}/reports/gaps")).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
