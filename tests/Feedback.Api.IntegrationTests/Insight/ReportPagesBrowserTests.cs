using System.Text;
using Microsoft.Playwright;

namespace Feedback.Api.IntegrationTests.Insight;

/// <summary>The printable report and the charts as a person sees them: real HTTP, Debian's Chromium, screenshots kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPagesBrowserTests(KestrelApiFactory api, BrowserFixture browser)
{
    [Fact]
    public async Task ThePrintableReport_ShowsTheHeadingsAndFigures_WithoutConsoleErrors_OnOnePrintedPage()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var key = await org.CreateKeyAsync("reports:read");
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors, new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
            ViewportSize = new ViewportSize { Width = 900, Height = 1200 },
        });

        // A browser's own Accept header (text/html first) is what selects the page.
        var response = await page.GotoAsync($"{api.BaseUrl}/v1/cycles/{cycleId}/reports/people/ada");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);

        Assert.Equal(PictureScenario.AdaName, await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith(PictureScenario.AdaName, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(["Leadership, management and the gap", "By behavior", "Who responded", "Comments"],
            await page.Locator("h2").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(1, await page.Locator("svg.chart").CountAsync());

        // Others' leadership 4 (n 4), management 3, gap +1; self 14/3 and 2.
        var leadership = await page.Locator("tr", new() { Has = page.Locator("th", new() { HasTextString = "Leadership" }) }).First.InnerTextAsync();
        Assert.Contains("4.00", leadership, StringComparison.Ordinal);
        Assert.Contains("4.67", leadership, StringComparison.Ordinal);
        var gap = await page.Locator("tr", new() { Has = page.Locator("th", new() { HasTextString = "Gap (leadership" }) }).InnerTextAsync();
        Assert.Contains("+1.00", gap, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)> listens & decides", await page.Locator("li").AllInnerTextsAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("person-report.png"), FullPage = true });

        // Printed on A4 it fits one page (Chromium prints a PDF; count its page objects).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("person-report-print.png"), FullPage = true });
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true }));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page[^s]"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheCharts_RenderInTheBrowser()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var reader = org.Factory.ClientWithToken(await org.CreateKeyAsync("reports:read"));
        foreach (var (url, file) in new[]
        {
            ($"/v1/cycles/{cycleId}/reports/people/ada", "person-chart.png"),
            ($"/v1/cycles/{cycleId}/reports/people/sam", "person-chart-suppressed.png"),
            ($"/v1/cycles/{cycleId}/reports/gaps", "gap-scatter.png"),
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("image/svg+xml");
            var svg = await (await reader.SendAsync(request)).Content.ReadAsByteArrayAsync();

            var errors = new List<string>();
            var page = await browser.NewPageAsync(errors, new BrowserNewContextOptions());
            await page.SetContentAsync($"<!DOCTYPE html><html lang=\"en\"><body style=\"margin:0\"><img alt=\"chart\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(svg)}\"></body></html>");
            var image = page.Locator("img");
            // The SVG decoded and laid out at its own size: a broken image has no natural width.
            Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 700, $"{url} did not render");
            await image.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath(file) });
            Assert.Empty(errors);
        }
    }
}
