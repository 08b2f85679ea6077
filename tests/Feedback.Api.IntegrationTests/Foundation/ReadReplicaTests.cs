using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>A "replica" nobody listens on: report reads must go there, everything else to the primary.</summary>
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
    public async Task ReportQueries_UseTheReadOnlyConnection_WhileOtherCallsUseThePrimary()
    {
        var org = await api.CreateOrganizationAsync();
        var cycle = await (await org.Admin.PostAsJsonAsync("/v1/cycles", new { name = "replica" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = cycle.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await org.Admin.GetAsync($"/v1/cycles/{id}")).StatusCode);
        var report = await org.Admin.GetAsync($"/v1/cycles/{id}/reports/gaps");
        await report.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        var trend = await org.Admin.GetAsync("/v1/people/nobody/reports/trend");
        await trend.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
