using Feedback.Api.Common;
using Feedback.Api.Features.Outcomes.Import;

namespace Feedback.Api.Tests.Insight;

public sealed class OutcomesImportReaderTests
{
    [Fact]
    public void ReadsColumnsByName_InAnyOrderAndCase_WithQuotesAndEmptyCells()
    {
        var rows = OutcomesImportReader.ParseCsv("RETENTION,externalId,Engagement\r\n\"0.5\",\"e,1\",\r\n1,e-2,\"3.25\"\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("e,1", (double?)null, (double?)null, (double?)0.5, 2), (rows[0].ExternalId, rows[0].Productivity, rows[0].Engagement, rows[0].Retention, rows[0].Line));
        Assert.Equal(("e-2", (double?)3.25, (double?)1.0, 3), (rows[1].ExternalId, rows[1].Engagement, rows[1].Retention, rows[1].Line));
        Assert.All(rows, r => Assert.Empty(r.ParseErrors!));
    }

    [Fact]
    public void ABadNumber_IsAnErrorOnItsCell_NotAGuess()
    {
        // Invariant culture: "1,5" in quotes is not 1.5; "NaN" and "Infinity" are numbers to .NET but not outcomes.
        var rows = OutcomesImportReader.ParseCsv("externalId,productivity,engagement,retention\ne-1,\"1,5\",NaN,Infinity\n");
        Assert.Equal(["productivity", "engagement", "retention"], rows[0].ParseErrors!.Select(e => e.Key));
    }

    [Fact]
    public void AMalformedRecordOrAWrongFieldCount_IsAnErrorOnTheRow()
    {
        var rows = OutcomesImportReader.ParseCsv("externalId,retention\ne\"1,1\ne-2,1,2\ne-3\n");
        Assert.All(rows, r => Assert.Contains(r.ParseErrors!, e => e.Key.Length == 0));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("productivity,retention\n1,1\n", "Column externalId is required.")]
    [InlineData("externalId,salary\n", "Unknown column 'salary'")]
    [InlineData("externalId,retention,Retention\n", "Column retention appears twice.")]
    public void AnUnusableHeader_Is400OnTheHeader(string csv, string message)
    {
        var e = Assert.Throws<RequestValidationException>(() => OutcomesImportReader.ParseCsv(csv));
        Assert.Contains(e.Errors["header"], m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NamesEveryBadRow_AndTheLineForCsv()
    {
        var subjects = new Dictionary<string, Guid> { ["a"] = Guid.NewGuid(), ["b"] = Guid.NewGuid() };
        var errors = ImportOutcomesHandler.Check(
        [
            new ImportedOutcome("a", 1, null, null, 2),
            new ImportedOutcome("b", null, null, -0.1, 3),
            new ImportedOutcome("a", null, 2, null, 4),
            new ImportedOutcome("zed", null, null, 1, 5),
            new ImportedOutcome(null, null, null, 1, 6),
        ], subjects);

        Assert.Equal(["rows[1].retention", "rows[2].externalId", "rows[3].externalId", "rows[4].externalId"], errors.Keys);
        Assert.StartsWith("line 4: a is also in rows[0]", errors["rows[2].externalId"][0], StringComparison.Ordinal);
        Assert.StartsWith("line 5: zed is not a subject", errors["rows[3].externalId"][0], StringComparison.Ordinal);
    }
}
