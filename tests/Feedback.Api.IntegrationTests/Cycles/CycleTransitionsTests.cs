using Feedback.Api.Data;
using Feedback.Api.Features.Cycles;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Cycles;

[Collection(ApiCollection.Name)]
public sealed class CycleTransitionsTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task OpensAndClosesACycle_StampingEachTime()
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.CreateCycleAsync();

        var opened = await org.Admin.PostAsync($"/v1/cycles/{id}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var openBody = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", openBody.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, openBody.GetProperty("openedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, openBody.GetProperty("closedAt").ValueKind);

        var closed = await org.Admin.PostAsync($"/v1/cycles/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var closeBody = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", closeBody.GetProperty("status").GetString());
        Assert.True(closeBody.GetProperty("closedAt").GetDateTimeOffset() >= closeBody.GetProperty("openedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("", "close")]
    [InlineData("open", "open")]
    [InlineData("open,close", "open")]
    [InlineData("open,close", "close")]
    public async Task Returns409_ForAnIllegalTransition(string before, string action)
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.CreateCycleAsync();
        foreach (var step in before.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await org.TransitionAsync(id, step);
        }

        var statusBefore = (await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{id}")).ToString();
        var response = await org.Admin.PostAsync($"/v1/cycles/{id}/{action}", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Common.ProblemTypes.IllegalTransition, problem.GetProperty("type").GetString());
        Assert.Equal(statusBefore, (await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{id}")).ToString());
    }

    [Fact]
    public async Task LetsOnlyOneOfManyConcurrentClosesSucceed()
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.CreateCycleAsync();
        await org.TransitionAsync(id, "open");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => org.Admin.PostAsync($"/v1/cycles/{id}/close", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task SendsAnETag_AndHonoursIfMatch()
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.CreateCycleAsync();
        var read = await org.Admin.GetAsync($"/v1/cycles/{id}");
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{id}/open");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await org.Admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("draft", (await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{id}")).GetProperty("status").GetString());

        var fresh = new HttpRequestMessage(HttpMethod.Post, $"/v1/cycles/{id}/open");
        fresh.Headers.TryAddWithoutValidation("If-Match", etag);
        var opened = await org.Admin.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.NotEqual(etag, opened.Headers.ETag?.Tag);
        Assert.Equal(opened.Headers.ETag?.Tag, (await org.Admin.GetAsync($"/v1/cycles/{id}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task RunsTheClosedHandlerInsideTheCloseTransaction_AndRollsBackTheCloseWhenItFails()
    {
        var org = await api.CreateOrganizationAsync();
        var id = await org.CreateCycleAsync();
        await org.TransitionAsync(id, "open");
        using var failing = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<ICycleClosedHandler, FailingHandler>()));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", org.AdminKey);

        var response = await client.PostAsync($"/v1/cycles/{id}/close", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(FailingHandler.SawTransaction);
        Assert.Equal("open", (await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{id}")).GetProperty("status").GetString());
    }

    private sealed class FailingHandler(FeedbackDbContext db) : ICycleClosedHandler
    {
        public static bool SawTransaction { get; private set; }

        public async Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct)
        {
            SawTransaction = db.Database.CurrentTransaction is not null
                && await db.Cycles.AnyAsync(c => c.Id == cycleId && c.Status == Domain.CycleStatus.Closed, ct);
            throw new InvalidOperationException("materializing failed");
        }
    }
}
