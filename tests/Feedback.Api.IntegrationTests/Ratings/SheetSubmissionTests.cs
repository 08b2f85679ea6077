using Feedback.Api.Common.Auth;
using Feedback.Api.Domain;

namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed class SheetSubmissionTests(FeedbackApiFactory api)
{
    [Theory]
    [InlineData("leadership")]
    [InlineData("management")]
    public async Task RaterToken_SubmitsItsSheet_AndGetsAReceiptWithoutItsContent(string dimension)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var body = SeededAssignment.FullBody(dimension, 4, "Clear and kind.");
        var scores = (Dictionary<string, object?>)body["scores"]!;
        scores[scores.Keys.First()] = null; // not observed

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url(dimension), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var sheet = JsonDocument.Parse(text).RootElement;
        // API.md: 200 {assignmentId, dimension, revision, submittedAt}; the scores are never echoed or readable again.
        Assert.Equal(["assignmentId", "dimension", "revision", "submittedAt"], sheet.EnumerateObject().Select(p => p.Name));
        Assert.Equal(seeded.AssignmentId, sheet.GetProperty("assignmentId").GetGuid());
        Assert.Equal(dimension, sheet.GetProperty("dimension").GetString());
        Assert.Equal(1, sheet.GetProperty("revision").GetInt32());
        Assert.True(sheet.GetProperty("submittedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.DoesNotContain("Clear and kind.", text);

        var (sheets, history) = await seeded.StoredAsync();
        var stored = Assert.Single(sheets);
        Assert.Equal(dimension, stored.Dimension.ToString().ToLowerInvariant());
        Assert.Equal(1, stored.Revision);
        Assert.Equal("Clear and kind.", stored.Comment);
        var kept = JsonDocument.Parse(stored.Scores).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(scores.Keys.Order(), kept.Keys.Order());
        Assert.Equal(JsonValueKind.Null, kept[scores.Keys.First()].ValueKind);
        Assert.All(scores.Keys.Skip(1), k => Assert.Equal(4, kept[k].GetInt32()));
        Assert.Empty(history);
    }

    [Theory]
    [InlineData(Scopes.RatingsWrite)]
    [InlineData(Scopes.Admin)]
    public async Task ApiKeyWithRatingsWriteOrAdmin_SubmitsForARater(string scope)
    {
        var org = await api.CreateOrganizationAsync();
        var seeded = await org.AssignmentAsync();
        var client = await org.ClientWithScopesAsync(scope);

        var response = await client.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Resubmission_ReplacesTheSheet_IncrementsRevision_AndKeepsThePreviousVersionInHistory()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var first = await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", 2, "first thoughts"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // An omitted comment replaces the old one with null: a resubmission is the whole sheet.
        var second = await seeded.Rater.PutAsJsonAsync(seeded.Url("management"),
            new { scores = RatingsSeed.Management.ToDictionary(k => k, _ => 5) });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var sheet = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, sheet.GetProperty("revision").GetInt32());
        Assert.False(sheet.TryGetProperty("comment", out _));

        var (sheets, history) = await seeded.StoredAsync();
        var stored = Assert.Single(sheets);
        Assert.Equal(2, stored.Revision);
        Assert.Null(stored.Comment);
        Assert.All(JsonDocument.Parse(stored.Scores).RootElement.EnumerateObject(), p => Assert.Equal(5, p.Value.GetInt32()));
        var old = Assert.Single(history);
        Assert.Equal(1, old.Revision);
        Assert.Equal(stored.Id, old.SheetId);
        Assert.Equal("first thoughts", old.Comment);
        Assert.All(JsonDocument.Parse(old.Scores).RootElement.EnumerateObject(), p => Assert.Equal(2, p.Value.GetInt32()));
        Assert.Equal(stored.SubmittedAt, old.ReplacedAt);
    }

    [Theory]
    [InlineData("leadership", "management")]
    [InlineData("management", "leadership")]
    public async Task SubmittingOneDimension_NeverTouchesTheOtherSheet(string touched, string untouched)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK,
            (await seeded.Rater.PutAsJsonAsync(seeded.Url(untouched), SeededAssignment.FullBody(untouched, 3, "keep me"))).StatusCode);
        var (before, _) = await seeded.StoredAsync();
        var kept = Assert.Single(before);

        for (var i = 1; i <= 2; i++)
        {
            var response = await seeded.Rater.PutAsJsonAsync(seeded.Url(touched), SeededAssignment.FullBody(touched, i, "changed"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (after, history) = await seeded.StoredAsync();
        var same = Assert.Single(after, s => string.Equals(s.Dimension.ToString(), untouched, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(kept.Revision, same.Revision);
        Assert.Equal(kept.Scores, same.Scores);
        Assert.Equal("keep me", same.Comment);
        Assert.Equal(kept.SubmittedAt, same.SubmittedAt);
        Assert.Equal(2, Assert.Single(after, s => string.Equals(s.Dimension.ToString(), touched, StringComparison.OrdinalIgnoreCase)).Revision);
        Assert.All(history, h => Assert.Equal(touched, h.Dimension.ToString().ToLowerInvariant()));
    }

    [Fact]
    public async Task Comment_IsTrimmed_AndABlankCommentBecomesNull()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();

        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"),
            SeededAssignment.FullBody("leadership", 4, "  line one\r\n\tline two \n "))).StatusCode);
        Assert.Equal("line one\n\tline two", (await seeded.StoredAsync()).Sheets.Single().Comment);

        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"),
            SeededAssignment.FullBody("leadership", 4, " \n\t "))).StatusCode);
        Assert.Null((await seeded.StoredAsync()).Sheets.Single().Comment);
    }

    [Fact]
    public async Task Comment_OfExactly2000Characters_IsAccepted()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var comment = new string('é', 1999) + "😀"; // 2,000 characters, one of them outside the BMP

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership", 4, comment));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(comment, (await seeded.StoredAsync()).Sheets.Single().Comment);
    }

    [Fact]
    public async Task AllScoresNull_IsAValidSheet()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("management"), SeededAssignment.FullBody("management", null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
