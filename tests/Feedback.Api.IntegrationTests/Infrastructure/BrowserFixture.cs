using System.Text.Json;
using Microsoft.Playwright;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright (never Playwright's own browser download).
/// Each test opens its own context, so storage and cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = TestTools.AxeScript; // installs Chromium and axe-core when missing
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestTools.Chromium,
            Args = TestTools.ChromiumArgs,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>A fresh page in its own context; failed requests and console errors are collected for assertions.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page whose console errors and uncaught page errors are collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors, BrowserNewContextOptions options)
    {
        var page = await (await Browser.NewContextAsync(options)).NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }

    /// <summary>Where a screenshot goes: TestResults/screenshots/ at the repository root (git-ignored).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(TestTools.ResultsFolder, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>
    /// Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page and returns the violations as readable lines.
    /// axe is evaluated over the DevTools protocol, so the page's own Content-Security-Policy stays in force.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(await File.ReadAllTextAsync(TestTools.AxeScript));
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return { passes: r.passes.length, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })) };
            }
            """);
        Assert.True(result.GetProperty("passes").GetInt32() > 0, "axe-core ran no rule: " + result);
        return result.GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("id")} ({v.GetProperty("impact")}): {v.GetProperty("help")} — "
                + string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())))
            .ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<KestrelApiFactory>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
