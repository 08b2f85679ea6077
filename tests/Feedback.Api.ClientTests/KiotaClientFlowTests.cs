using Feedback.Api.IntegrationTests.Infrastructure;
using Feedback.Client;
using Feedback.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Feedback.Api.ClientTests;

/// <summary>
/// The whole flow through a client Kiota generated from the service's OpenAPI document, the way an HR integration
/// would write it: people → cycle → generate → sheets (with each rater's token) → close → reports. If the document
/// and the service disagree (a field named differently, a wrong type, a missing operation), this does not compile
/// or does not pass. Responses are also checked against the document by the factory's response validation.
/// </summary>
public sealed class KiotaClientFlowTests(FeedbackApiFactory api) : IClassFixture<FeedbackApiFactory>
{
    private static readonly string[] Reports = ["e-101", "e-102", "e-103", "e-104", "e-105"];

    [Fact]
    public async Task AnHrIntegrationRunsACycleEndToEnd_WithTheGeneratedClient()
    {
        var org = await api.CreateOrganizationAsync();
        var admin = Client(org.AdminKey);

        var imported = await admin.V1.People.Import.PostAsync(
        [
            new PersonImportRow { ExternalId = "e-100", DisplayName = "Maria Chen", Department = "Product", Title = "Head of Product" },
            .. Reports.Select((id, i) => new PersonImportRow
            {
                ExternalId = id, DisplayName = $"Product person {i + 1}", ManagerExternalId = "e-100", Department = "Product",
            }),
        ]);
        Assert.Equal(6, imported!.Created);

        var cycle = await admin.V1.Cycles.PostAsync(new CreateCycleRequest { Name = "Kiota review" });
        Assert.Equal(CycleStatus.Draft, cycle!.Status);
        var cycleId = cycle.Id!.Value;
        var generated = await admin.V1.Cycles[cycleId].Assignments.Generate.PostAsync(new GenerateAssignmentsRequest());
        Assert.Equal(6 + 5 + 5 + 20, generated!.Created); // self ×6, manager ×5, directReport ×5, peer 4 × 5
        Assert.All(generated.Assignments!, a => Assert.EndsWith("/rate#token=" + a.RaterToken, a.RaterUrl));
        await admin.V1.Cycles[cycleId].Open.PostAsync();

        // Every rater answers with their own token: leadership L(rater) on every behavior, management M(rater),
        // one management behavior "not observed". The expected figures below are computed from these, not by the API.
        var expected = new Dictionary<string, List<(double Leadership, double Management)>>();
        foreach (var assignment in generated.Assignments!)
        {
            var rater = Client(assignment.RaterToken!);
            var me = await rater.V1.Assignments.Me.GetAsync();
            Assert.Equal(assignment.SubjectExternalId, me!.Subject!.ExternalId);
            var leadership = 2 + int.Parse(assignment.RaterExternalId![2..]) % 4;
            var management = 1 + int.Parse(assignment.RaterExternalId[2..]) % 3;
            var managementKeys = me.Behaviors!.Management!.Select(b => b.Key!).ToList();

            var sent = await rater.V1.Cycles[cycleId].Assignments[assignment.Id!.Value].Leadership.PutAsync(new SubmitSheetRequest
            {
                Scores = Scores(me.Behaviors.Leadership!.ToDictionary(b => b.Key!, _ => (int?)leadership)),
                Comment = "Clear and kind in our one-to-ones.",
            });
            Assert.Equal(1, sent!.Revision);
            await rater.V1.Cycles[cycleId].Assignments[assignment.Id.Value].Management.PutAsync(new SubmitSheetRequest
            {
                Scores = Scores(managementKeys.ToDictionary(k => k, k => k == managementKeys[^1] ? null : (int?)management)),
            });
            if (assignment.Relationship != Relationship.Self)
            {
                (expected.TryGetValue(assignment.SubjectExternalId!, out var list) ? list : expected[assignment.SubjectExternalId!] = [])
                    .Add((leadership, management));
            }
        }

        var progress = await admin.V1.Cycles[cycleId].Progress.GetAsync();
        Assert.Equal(6, progress!.Items!.Count);
        await admin.V1.Cycles[cycleId].Close.PostAsync();

        var readerKey = await org.CreateKeyAsync("reports:read");
        var reader = Client(readerKey);
        var report = await reader.V1.Cycles[cycleId].Reports.People["e-101"].GetAsync();
        var others = expected["e-101"];
        Assert.False(report!.Suppressed);
        Assert.Equal(others.Count, report.Responders!.Others);
        Assert.Equal(others.Average(o => o.Leadership), report.Others!.Leadership!.Score!.Value, 9);
        Assert.Equal(others.Average(o => o.Management), report.Others.Management!.Score!.Value, 9);
        Assert.Equal(others.Average(o => o.Leadership - o.Management), report.Others.Gap!.Score!.Value, 9);
        Assert.Equal(4, report.Groups!.Count);

        var gaps = await reader.V1.Cycles[cycleId].Reports.Gaps.GetAsync(r => r.QueryParameters.Sort = "name");
        Assert.Equal(6, gaps!.Summary!.Reportable);
        Assert.Equal(6, gaps.Items!.Count);
        foreach (var item in gaps.Items)
        {
            Assert.Equal(expected[item.ExternalId!].Average(o => o.Leadership), item.Leadership!.Value, 9);
            Assert.NotNull(item.Quadrant);
        }

        var trend = await reader.V1.People["e-101"].Reports.Trend.GetAsync();
        Assert.Equal(cycleId, Assert.Single(trend!).CycleId);

        // The error mapping of the document works too: a 403 arrives as typed problem details naming the scope.
        var denied = await Assert.ThrowsAsync<ProblemDetails>(() => Client(readerKey).V1.Cycles.PostAsync(new CreateCycleRequest { Name = "x" }));
        Assert.Equal(403, denied.ResponseStatusCode);
        Assert.Contains("cycles:write", denied.Detail);
    }

    private static SubmitSheetRequest_scores Scores(Dictionary<string, int?> scores)
    {
        var body = new SubmitSheetRequest_scores();
        foreach (var (key, value) in scores)
        {
            body.AdditionalData[key] = value!;
        }

        return body;
    }

    private FeedbackClient Client(string token)
    {
        var http = api.CreateClient();
        var adapter = new HttpClientRequestAdapter(new BearerToken(token), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };
        return new FeedbackClient(adapter);
    }

    private sealed class BearerToken(string token) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", "Bearer " + token);
            return Task.CompletedTask;
        }
    }
}
