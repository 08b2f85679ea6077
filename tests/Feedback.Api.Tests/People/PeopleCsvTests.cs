using Feedback.Api.Features.People.Import;

namespace Feedback.Api.Tests.People;

public sealed class PeopleCsvTests
{
    [Fact]
    public void ReadsQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var records = PeopleCsv.Read("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\",,\"\"\r\nlast,row").ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b,1", "say \"hi\""], records[0].Fields);
        Assert.Equal(["multi\r\nline", "", ""], records[1].Fields);
        Assert.Equal(["last", "row"], records[2].Fields);
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d")]
    [InlineData("\uFEFFa,b\n\n\nc,d")]
    public void AcceptsAnyLineEndingBlankLinesAndABom(string text)
    {
        var records = PeopleCsv.Read(text).ToList();
        Assert.Equal([["a", "b"], ["c", "d"]], records.Select(r => r.Fields.ToArray()));
    }

    [Fact]
    public void KeepsATrailingEmptyField()
    {
        Assert.Equal(["a", ""], PeopleCsv.Read("a,").Single().Fields);
    }

    [Fact]
    public void CountsLinesInsideQuotedFields()
    {
        var records = PeopleCsv.Read("h\n\"x\ny\nz\"\nnext\n").ToList();
        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("a,\"b\"c\nnext,ok", "closing quote")]
    [InlineData("a,b\"c\nnext,ok", "must be quoted")]
    public void ReportsAMalformedRecordAndGoesOn(string text, string message)
    {
        var records = PeopleCsv.Read(text).ToList();

        Assert.Equal(2, records.Count);
        Assert.Contains(message, records[0].Error);
        Assert.Null(records[1].Error);
        Assert.Equal(["next", "ok"], records[1].Fields);
    }

    [Fact]
    public void ReportsAnUnclosedQuoteAtItsLine()
    {
        var records = PeopleCsv.Read("a,b\nc,\"open\nmore").ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.Contains("never closed", records[1].Error);
    }

    [Fact]
    public void ReportsAnUnclosedQuoteAtTheLineItStarts_WhenTheTextEndsWithALineBreak()
    {
        var records = PeopleCsv.Read("h\nok\n\"open\nstill open\n").ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("never closed", records[2].Error);
    }
}
