using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Feedback.Api.Common.Auth;
using Feedback.Api.Domain;
using Feedback.Api.Features.Ratings;
using Feedback.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed partial class SheetLoggingTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task Logs_NeverHoldScores_Comments_OrTokens_EvenAtTraceLevelWithEfCoreSql()
    {
        var capture = new CapturingLoggerProvider();
        await using var logged = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l
            .SetMinimumLevel(LogLevel.Trace)
            .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)
            .AddProvider(capture)));
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var apiKey = await org.CreateKeyAsync(Scopes.RatingsWrite);
        var leadershipComment = $"leadership-comment-{Guid.NewGuid():N}";
        var managementComment = $"management-comment-{Guid.NewGuid():N}";

        HttpClient Client(string token)
        {
            var client = logged.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        var rater = Client(seeded.RaterToken);
        var statuses = new List<HttpStatusCode>
        {
            (await rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 5, leadershipComment))).StatusCode,
            (await rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 2, leadershipComment))).StatusCode,
            (await Client(apiKey).PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", 3, managementComment))).StatusCode,
            (await rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", 9, managementComment))).StatusCode,
        };
        await seeded.SetStatusAsync(CycleStatus.Closed);
        statuses.Add((await rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 4, leadershipComment))).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict], statuses);
        var lines = capture.Lines.ToArray();
        // The capture sees the sheet commands and EF Core's SQL: otherwise the checks below would prove nothing.
        Assert.Contains(lines, l => l.Contains("SubmitLeadershipSheetCommand", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("SubmitManagementSheetCommand", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains("token_hash", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains("INSERT INTO sheets", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(leadershipComment, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(managementComment, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(seeded.RaterToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(apiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => ScorePattern().IsMatch(l));
    }

    [Theory]
    [InlineData("leadership", 5, HttpStatusCode.OK, "-- sheet.submit")]
    [InlineData("management", 5, HttpStatusCode.OK, "-- sheet.submit")]
    [InlineData("leadership", 9, HttpStatusCode.BadRequest, "-- sheet.assignment-status")] // refused before the write
    public async Task ASubmission_CostsOneDatabaseCommand_OnceTheTokenAndTheCycleAreKnown(
        string dimension, int score, HttpStatusCode expected, string statement)
    {
        var capture = new CapturingLoggerProvider();
        await using var logged = api.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l
                .AddFilter<CapturingLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)
                .AddProvider(capture))
            // The cleanup's first pass runs as the host starts and could land among the request's commands.
            .ConfigureServices(s => s.Remove(s.Single(d => d.ImplementationType == typeof(SheetRevisionCleanup)))));
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var rater = logged.CreateClient();
        capture.Lines.Clear(); // the host has started: what it ran at start (its database checks, the stale-reports check) is not the request's
        rater.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", seeded.RaterToken);
        Assert.Equal(HttpStatusCode.OK, (await rater.PutAsJsonAsync(seeded.Url(dimension), SeededAssignment.FullBody(dimension, 3))).StatusCode);

        // The first request looks the token up and reads the cycle's definition (behaviors and scale); the credential
        // cache and the cycle cache spare the next ones those round trips.
        var first = Commands(capture);
        Assert.Equal(3, first.Length);
        Assert.Contains("token_hash", first[0], StringComparison.Ordinal);
        Assert.Contains("cycle_behaviors", first[1], StringComparison.Ordinal);
        Assert.Contains("-- sheet.submit", first[2], StringComparison.Ordinal);
        capture.Lines.Clear();

        var response = await rater.PutAsJsonAsync(seeded.Url(dimension), SeededAssignment.FullBody(dimension, score));

        Assert.Equal(expected, response.StatusCode);
        var command = Assert.Single(Commands(capture));
        Assert.Contains(statement, command, StringComparison.Ordinal);
    }

    private static string[] Commands(CapturingLoggerProvider capture) =>
        capture.Lines.Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)).ToArray();

    /// <summary>A behavior key next to a value, as in JSON or key=value logging.</summary>
    [GeneratedRegex("(active-listening|empathy|guiding-conversations|implementing-vision|building-trust|organizing-projects|managing-resources|directing-workflows)\"?\\s*[:=]\\s*(null|-?\\d)")]
    private static partial Regex ScorePattern();
}
