using System.Text;

namespace Feedback.Api.IntegrationTests.Ratings;

[Collection(ApiCollection.Name)]
public sealed class SheetValidationTests(FeedbackApiFactory api)
{
    /// <summary>A leadership body with every key scored 4, one score replaced by the raw JSON <paramref name="value"/>.</summary>
    private static string LeadershipWith(string key, string value) =>
        "{\"scores\": {" + string.Join(", ", RatingsSeed.Leadership.Select(k => $"\"{k}\": {(k == key ? value : "4")}")) + "}}";

    private async Task<(HttpResponseMessage Response, SeededAssignment Seeded)> PutAsync(string dimension, string json)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        return (await seeded.Rater.PutAsync(seeded.Url(dimension), SeededAssignment.Json(json)), seeded);
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("4.0")]
    [InlineData("4e0")]
    [InlineData("\"4\"")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("{}")]
    [InlineData("[4]")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task Returns400NamingTheKey_ForAScoreThatIsNotAnIntegerInTheScale(string value)
    {
        var (response, seeded) = await PutAsync("leadership", LeadershipWith("empathy", value));

        var problem = await response.AssertValidationProblemAsync("scores.empathy");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns400NamingEachOffendingKey_AtOnce()
    {
        // Unknown key, a management key on the leadership sheet, a missing key, out of range, fractional, string, boolean.
        var scores = new Dictionary<string, object?>
        {
            ["active-listening"] = 9,
            ["empathy"] = 4.5,
            ["guiding-conversations"] = "4",
            ["implementing-vision"] = true,
            ["no-such-behavior"] = 3,
            ["organizing-projects"] = 3,
        };

        var (response, seeded) = await PutAsync("leadership", JsonSerializer.Serialize(new { scores }));

        var problem = await response.AssertValidationProblemAsync(
            "scores.active-listening", "scores.empathy", "scores.guiding-conversations", "scores.implementing-vision",
            "scores.no-such-behavior", "scores.organizing-projects", "scores.building-trust");
        var errors = problem.GetProperty("errors");
        Assert.Equal(7, errors.EnumerateObject().Count());
        Assert.Contains("management", errors.GetProperty("scores.organizing-projects")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Missing", errors.GetProperty("scores.building-trust")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("1 to 5", errors.GetProperty("scores.active-listening")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns400_ForALeadershipKeyOnTheManagementSheet()
    {
        var scores = RatingsSeed.Management.ToDictionary(k => k, _ => (int?)3);
        scores["empathy"] = 3;

        var (response, _) = await PutAsync("management", JsonSerializer.Serialize(new { scores }));

        var problem = await response.AssertValidationProblemAsync("scores.empathy");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
    }

    [Theory]
    [InlineData("management")]
    [InlineData("leadership")]
    public async Task Returns400NamingEveryMissingKey_ForEmptyScores(string dimension)
    {
        var (response, _) = await PutAsync(dimension, "{\"scores\": {}}");

        var keys = dimension == "leadership" ? RatingsSeed.Leadership : RatingsSeed.Management;
        var problem = await response.AssertValidationProblemAsync(keys.Select(k => $"scores.{k}").ToArray());
        Assert.Equal(keys.Length, problem.GetProperty("errors").EnumerateObject().Count());
    }

    [Fact]
    public async Task Returns400_ForADuplicateScoreKey()
    {
        var json = LeadershipWith("x", "1").Replace("{\"scores\": {", "{\"scores\": {\"empathy\": 2, ", StringComparison.Ordinal);
        var (response, _) = await PutAsync("leadership", json);
        await response.AssertValidationProblemAsync("scores.empathy");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"scores\": null}")]
    [InlineData("{\"scores\": [4, 4, 4, 4, 4]}")]
    [InlineData("{\"scores\": \"all fours\"}")]
    public async Task Returns400_WhenScoresIsMissingOrNotAnObject(string json)
    {
        var (response, _) = await PutAsync("leadership", json);
        await response.AssertValidationProblemAsync("scores");
    }

    [Theory]
    [InlineData("{\"scores\": ")]
    [InlineData("[]")]
    [InlineData("\"scores\"")]
    [InlineData("")]
    public async Task Returns400_WhenTheBodyIsNotAJsonObject(string json)
    {
        var (response, _) = await PutAsync("leadership", json);
        await response.AssertValidationProblemAsync("body");
    }

    [Fact]
    public async Task Returns400_ForAFieldOtherThanScoresAndComment()
    {
        var body = SeededAssignment.FullBody("leadership");
        body["raterExternalId"] = "someone-else";
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), body);

        await response.AssertValidationProblemAsync("raterExternalId");
    }

    [Theory]
    [InlineData("\"bell\\u0007\"")]
    [InlineData("\"nul\\u0000\"")]
    [InlineData("\"carriage\\rreturn\"")]
    [InlineData("\"esc\\u001b[31m\"")]
    [InlineData("\"c1\\u0085 in the middle\"")]
    [InlineData("\"lone \\ud800 surrogate\"")]
    [InlineData("42")]
    [InlineData("[\"a\"]")]
    public async Task Returns400_ForABadComment(string comment)
    {
        var json = LeadershipWith("", "").TrimEnd('}') + "}, \"comment\": " + comment + "}";
        var (response, seeded) = await PutAsync("leadership", json);

        var problem = await response.AssertValidationProblemAsync("comment");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns400_ForACommentOver2000CharactersAfterTrimming()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("management"),
            SeededAssignment.FullBody("management", 3, "  " + new string('x', 2001) + "  "));
        await response.AssertValidationProblemAsync("comment");
    }

    [Fact]
    public async Task Returns413_ForABodyOver64KiB()
    {
        var body = SeededAssignment.FullBody("leadership", 4, new string('x', 70 * 1024));
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();

        var response = await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), body);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await seeded.StoredAsync()).Sheets);
    }

    [Fact]
    public async Task Returns413_ForAChunkedBodyOver64KiB()
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var json = JsonSerializer.Serialize(SeededAssignment.FullBody("leadership", 4, new string('x', 70 * 1024)));
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, seeded.Url("leadership")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await seeded.Rater.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Returns415_ForANonJsonContentType(string mediaType)
    {
        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        var json = JsonSerializer.Serialize(SeededAssignment.FullBody("leadership"));

        var response = await seeded.Rater.PutAsync(seeded.Url("leadership"), new StringContent(json, Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
