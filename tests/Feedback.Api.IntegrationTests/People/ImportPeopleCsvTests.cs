namespace Feedback.Api.IntegrationTests.People;

[Collection(ApiCollection.Name)]
public sealed class ImportPeopleCsvTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task ImportsCsvWithQuotingAndColumnsInAnyOrder()
    {
        var org = await api.CreateOrganizationAsync();
        const string csv = "\uFEFFDisplayName,externalId,managerExternalId,title,department,email,active\r\n"
            + "\"Smith, Ann\",ann,,\"Chief \"\"Everything\"\" Officer\",,ann@example.com,\r\n"
            + "\"Bob\nOn two lines\",bob,ann,Engineer,Eng,,TRUE\r\n"
            + "\r\n"
            + "Carol,carol,ann,,Eng,,false\r\n";

        var response = await org.Admin.ImportCsvAsync(csv);

        await ImportPeopleTests.AssertCountsAsync(response, 3, 0, 0);
        var ann = await org.Admin.GetPersonAsync("ann");
        Assert.Equal("Smith, Ann", ann.GetProperty("displayName").GetString());
        Assert.Equal("Chief \"Everything\" Officer", ann.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, ann.GetProperty("department").ValueKind);
        Assert.True(ann.GetProperty("active").GetBoolean()); // empty active → true
        Assert.Equal(["bob"], ann.GetProperty("directReports").Strings()); // carol is inactive
        Assert.Equal("Bob\nOn two lines", (await org.Admin.GetPersonAsync("bob")).GetProperty("displayName").GetString());
        Assert.False((await org.Admin.GetPersonAsync("carol")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task AcceptsOnlyTheRequiredColumns()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.ImportCsvAsync("externalId,displayName\na,A\nb,B");
        await ImportPeopleTests.AssertCountsAsync(response, 2, 0, 0);
    }

    [Fact]
    public async Task Returns400NamingTheBadRowAndItsLine_AndWritesNothing()
    {
        var org = await api.CreateOrganizationAsync();
        const string csv = "externalId,displayName,managerExternalId,active\n"
            + "a,A,,\n"
            + "\"b\",\"B with\na line break\",a,true\n" // lines 3-4
            + "c,C,nobody,true\n"                     // line 5: unknown manager
            + "d,D,a,maybe\n";                       // line 6: bad active

        var response = await org.Admin.ImportCsvAsync(csv);

        var problem = await response.AssertValidationProblemAsync("rows[2].managerExternalId", "rows[3].active");
        var errors = problem.GetProperty("errors");
        Assert.Equal(2, errors.EnumerateObject().Count());
        Assert.StartsWith("line 5:", errors.GetProperty("rows[2].managerExternalId")[0].GetString());
        Assert.StartsWith("line 6:", errors.GetProperty("rows[3].active")[0].GetString());
        await ImportPeopleTests.AssertAbsentAsync(org, "a");
    }

    [Fact]
    public async Task Returns400_ForMalformedRecords()
    {
        var org = await api.CreateOrganizationAsync();
        const string csv = "externalId,displayName\n"
            + "a,A,extra\n"          // too many fields
            + "b\n"                  // too few
            + "c,\"C\"x\n"           // text after a closing quote
            + "d,D\"oops\n"          // quote inside an unquoted field
            + "e,E\n"
            + "f,\"never closed\n";

        var response = await org.Admin.ImportCsvAsync(csv);

        var errors = (await response.AssertValidationProblemAsync("rows[0]", "rows[1]", "rows[2]", "rows[3]", "rows[5]")).GetProperty("errors");
        Assert.False(errors.TryGetProperty("rows[4]", out _));
        Assert.StartsWith("line 7:", errors.GetProperty("rows[5]")[0].GetString());
        await ImportPeopleTests.AssertAbsentAsync(org, "e");
    }

    [Fact]
    public async Task Returns400_WhenAManagerLoopRunsThroughTheFile()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.ImportCsvAsync("externalId,displayName,managerExternalId\na,A,b\nb,B,a\n");
        var errors = (await response.AssertValidationProblemAsync("rows[0].managerExternalId", "rows[1].managerExternalId")).GetProperty("errors");
        Assert.Contains("a → b → a", errors.GetProperty("rows[0].managerExternalId")[0].GetString());
    }

    [Fact]
    public async Task Returns400_ForDuplicateExternalIds()
    {
        var org = await api.CreateOrganizationAsync();
        var response = await org.Admin.ImportCsvAsync("externalId,displayName\na,A\nb,B\na,A again\n");
        var errors = (await response.AssertValidationProblemAsync("rows[2].externalId")).GetProperty("errors");
        Assert.Contains("rows[0]", errors.GetProperty("rows[2].externalId")[0].GetString());
    }

    [Theory]
    [InlineData("", "header")]
    [InlineData("externalId\na\n", "header")]                              // displayName column missing
    [InlineData("externalId,displayName,salary\na,A,1\n", "header")]        // unknown column
    [InlineData("externalId,displayName,externalId\na,A,a\n", "header")]    // column twice
    public async Task Returns400_ForAnUnusableHeader(string csv, string field)
    {
        var org = await api.CreateOrganizationAsync();
        await (await org.Admin.ImportCsvAsync(csv)).AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task AcceptsAHeaderOnly()
    {
        var org = await api.CreateOrganizationAsync();
        await ImportPeopleTests.AssertCountsAsync(await org.Admin.ImportCsvAsync("externalId,displayName\r\n"), 0, 0, 0);
    }
}
