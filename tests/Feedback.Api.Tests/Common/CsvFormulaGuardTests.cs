using Feedback.Api.Common.Csv;

namespace Feedback.Api.Tests.Common;

public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("Ann Lee", "Ann Lee")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void PrefixesCellsStartingWithAFormulaCharacter(string? value, string? expected) =>
        Assert.Equal(expected, CsvFormulaGuard.Text(value));
}
