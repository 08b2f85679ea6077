using System.Text.Json;
using Feedback.Api.Features.Reports;

namespace Feedback.Api.Tests.Reports;

public sealed class SheetScoresTests
{
    private static readonly SheetScores.CycleKeys Keys = new(["empathy", "building-trust", "organizing-projects"]);

    [Theory]
    [InlineData("{\"empathy\": 4, \"building-trust\": null}")] // PostgreSQL's jsonb text
    [InlineData("{\"building-trust\":null,\"empathy\":4}")]
    [InlineData("  { \"empathy\" : 4 , \"building-trust\" : null }  ")]
    [InlineData("{}")]
    [InlineData("{\"empathy\": -3}")]
    [InlineData("{\"nope\": 4, \"empathy\": 1}")] // a key outside the cycle: read as the JSON says
    [InlineData("{\"emp\\u0061thy\": 2}")] // an escape
    public void ReadsWhatTheJsonSays(string json)
    {
        var expected = JsonSerializer.Deserialize<Dictionary<string, int?>>(json)!;
        var parsed = SheetScores.Parse(json, Keys);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), parsed.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Count, parsed.Count);
        foreach (var key in Keys.All.Append("nope"))
        {
            Assert.Equal(expected.TryGetValue(key, out var e), parsed.TryGetValue(key, out var p));
            Assert.Equal(e, p);
            Assert.Equal(expected.ContainsKey(key), parsed.ContainsKey(key));
        }
    }

    [Theory]
    [InlineData("{\"empathy\": 4.0}")]
    [InlineData("{\"empathy\": \"4\"}")]
    public void RefusesWhatTheJsonSerializerRefuses(string json) =>
        Assert.ThrowsAny<JsonException>(() => SheetScores.Parse(json, Keys));
}
