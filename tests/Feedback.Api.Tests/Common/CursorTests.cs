using Feedback.Api.Common;
using Feedback.Api.Common.Http;

namespace Feedback.Api.Tests.Common;

public sealed class CursorTests
{
    [Fact]
    public void Decode_ReturnsWhatEncodeWrote()
    {
        var cursor = Cursor.Encode("a b/c+", "ü", "");
        Assert.Equal(["a b/c+", "ü", ""], Cursor.Decode(cursor, 3)!);
        Assert.DoesNotContain('=', cursor);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("YWJj")] // valid base64, one part where two are expected
    public void Decode_RejectsForeignCursors(string cursor) =>
        Assert.Throws<RequestValidationException>(() => Cursor.Decode(cursor, 2));

    [Theory]
    [InlineData(null, 50)]
    [InlineData(1, 1)]
    [InlineData(200, 200)]
    public void Limit_DefaultsAndAcceptsTheRange(int? limit, int expected) => Assert.Equal(expected, Cursor.Limit(limit));

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    [InlineData(-5)]
    public void Limit_RejectsOutsideTheRange(int limit) => Assert.Throws<RequestValidationException>(() => Cursor.Limit(limit));

    [Fact]
    public void ToPage_CutsTheExtraRowAndPointsAtTheLastShown()
    {
        var page = Cursor.ToPage([1, 2, 3], 2, i => i.ToString());
        Assert.Equal([1, 2], page.Items);
        Assert.Equal("2", page.NextCursor);
        Assert.Null(Cursor.ToPage([1, 2], 2, i => i.ToString()).NextCursor);
    }
}
