using Feedback.Api.Features.People.Import;

namespace Feedback.Api.Tests.People;

public sealed class ImportChecksTests
{
    private static ImportedPerson Row(string id, string? manager = null, int? line = null) =>
        new(id, "Name " + id, null, manager, null, null, true, line);

    private static readonly Dictionary<string, string?> NoneStored = [];

    [Fact]
    public void AcceptsForwardReferencesAndStoredManagers()
    {
        var stored = new Dictionary<string, string?> { ["ceo"] = null };
        Assert.Empty(ImportChecks.Find([Row("dev", "lead"), Row("lead", "ceo")], stored));
    }

    [Fact]
    public void FlagsEveryRowOfALoopButNotRowsLeadingIntoIt()
    {
        var errors = ImportChecks.Find([Row("x", "a"), Row("a", "b"), Row("b", "a")], NoneStored);

        Assert.Equal(["rows[1].managerExternalId", "rows[2].managerExternalId"], errors.Keys);
        Assert.Contains("a → b → a", errors["rows[1].managerExternalId"][0]);
    }

    [Fact]
    public void FindsALoopThroughStoredPeople()
    {
        var stored = new Dictionary<string, string?> { ["top"] = null, ["mid"] = "top", ["low"] = "mid" };
        var errors = ImportChecks.Find([Row("top", "low")], stored);
        Assert.Equal(["rows[0].managerExternalId"], errors.Keys);
        Assert.Contains("top → low → mid → top", errors["rows[0].managerExternalId"][0]);
    }

    [Fact]
    public void LetsTheFileReplaceAStoredManager()
    {
        var stored = new Dictionary<string, string?> { ["a"] = null, ["b"] = "a" };
        Assert.Empty(ImportChecks.Find([Row("a", "b"), Row("b")], stored));
    }

    [Fact]
    public void ReportsSelfManagementOnce()
    {
        var errors = ImportChecks.Find([Row("a", "a")], NoneStored);
        Assert.Single(errors["rows[0].managerExternalId"]);
    }

    [Fact]
    public void ReportsUnknownManagersAndDuplicates()
    {
        var errors = ImportChecks.Find([Row("a", "ghost"), Row("b"), Row("b")], NoneStored);
        Assert.Equal(["rows[0].managerExternalId", "rows[2].externalId"], errors.Keys);
    }

    [Fact]
    public void PrefixesCsvMessagesWithTheLine()
    {
        var errors = ImportChecks.Find([Row("a", "ghost", line: 7)], NoneStored);
        Assert.StartsWith("line 7: ", errors["rows[0].managerExternalId"][0]);
    }

    [Fact]
    public void OrdersErrorsByRow()
    {
        var rows = Enumerable.Range(0, 12).Select(i => Row($"p{i}", "ghost")).ToList();
        var errors = ImportChecks.Find(rows, NoneStored);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"rows[{i}].managerExternalId"), errors.Keys);
    }
}
