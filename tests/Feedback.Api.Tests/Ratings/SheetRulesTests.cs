using System.Text.Json;
using Feedback.Api.Domain;
using Feedback.Api.Features.Ratings;

namespace Feedback.Api.Tests.Ratings;

public sealed class SheetRulesTests
{
    private static readonly Dictionary<string, Dimension> Cycle = new()
    {
        ["empathy"] = Dimension.Leadership,
        ["building-trust"] = Dimension.Leadership,
        ["organizing-projects"] = Dimension.Management,
    };

    private static Dictionary<string, string[]> Errors(string json, Dimension dimension = Dimension.Leadership) =>
        SheetRules.Check(SheetRules.Read(JsonDocument.Parse(json).RootElement), dimension, Cycle, 1, 5);

    [Fact]
    public void AcceptsEveryBehaviorOfTheDimension_WithIntegersOrNull()
    {
        var draft = SheetRules.Read(JsonDocument.Parse("{\"scores\": {\"empathy\": 1, \"building-trust\": null}, \"comment\": \" ok \"}").RootElement);
        Assert.Empty(SheetRules.Check(draft, Dimension.Leadership, Cycle, 1, 5));
        Assert.Equal(new Dictionary<string, int?> { ["empathy"] = 1, ["building-trust"] = null }, draft.Scores);
        Assert.Equal("ok", draft.Comment);
    }

    [Theory]
    [InlineData("0", "1 to 5")]
    [InlineData("6", "1 to 5")]
    [InlineData("4.0", "whole number")]
    [InlineData("4.5", "whole number")]
    [InlineData("\"4\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("2147483648", "scale")]
    public void NamesTheKey_OfAScoreThatIsNotAnIntegerInTheScale(string value, string hint)
    {
        var errors = Errors("{\"scores\": {\"empathy\": " + value + ", \"building-trust\": 3}}");
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "scores.empathy").Value);
        Assert.Contains(hint, message, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Fact]
    public void NamesUnknown_OtherDimension_AndMissingKeys()
    {
        var errors = Errors("{\"scores\": {\"empathy\": 3, \"organizing-projects\": 3, \"mystery\": 3}}");
        Assert.Equal(["scores.building-trust", "scores.mystery", "scores.organizing-projects"], errors.Keys.Order());
    }

    [Fact]
    public void ScaleMin0_AcceptsZero()
    {
        var draft = SheetRules.Read(JsonDocument.Parse("{\"scores\": {\"organizing-projects\": 0}}").RootElement);
        Assert.Empty(SheetRules.Check(draft, Dimension.Management, Cycle, 0, 10));
    }

    [Fact]
    public void BlankComment_IsNull_AndCrLfCountsAsNewline()
    {
        Assert.Null(SheetRules.Read(JsonDocument.Parse("{\"scores\": {}, \"comment\": \"  \\n \"}").RootElement).Comment);
        Assert.Equal("a\nb", SheetRules.Read(JsonDocument.Parse("{\"scores\": {}, \"comment\": \"a\\r\\nb\"}").RootElement).Comment);
    }

    [Fact]
    public void CommentLength_CountsCharacters_NotUtf16Units()
    {
        var ok = new string('a', 1999) + "😀";
        var draft = SheetRules.Read(JsonDocument.Parse(JsonSerializer.Serialize(new { scores = new { }, comment = ok })).RootElement);
        Assert.Equal(ok, draft.Comment);
        var tooLong = SheetRules.Read(JsonDocument.Parse(JsonSerializer.Serialize(new { scores = new { }, comment = ok + "b" })).RootElement);
        Assert.True(tooLong.Errors.ContainsKey("comment"));
    }

    [Fact]
    public void MissingScores_IsOneError_NotOnePerBehavior()
    {
        var errors = Errors("{\"comment\": \"hi\"}");
        Assert.Equal(["scores"], errors.Keys);
    }

    [Fact]
    public void NullBody_IsABodyError()
    {
        Assert.Equal(["body"], SheetRules.Check(SheetRules.Read(null), Dimension.Leadership, Cycle, 1, 5).Keys);
    }
}
