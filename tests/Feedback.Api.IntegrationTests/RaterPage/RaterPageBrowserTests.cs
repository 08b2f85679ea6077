using Microsoft.Playwright;

namespace Feedback.Api.IntegrationTests.RaterPage;

/// <summary>The rater page in a real browser (Debian's Chromium) against the API on a real port.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RaterPageBrowserTests(KestrelApiFactory api, BrowserFixture browser)
{
    // The default catalog, in cycle order.
    private static readonly string[] Leadership = ["active-listening", "empathy", "guiding-conversations", "implementing-vision", "building-trust"];
    private static readonly string[] Management = ["organizing-projects", "managing-resources", "directing-workflows"];

    [Fact]
    public async Task RaterFillsInBothSheetsWithTheKeyboardOnly_AndProgressCountsThemAsStored()
    {
        var (org, cycle, raterUrl) = await OpenCycleWithOnePeerAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(raterUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Feedback for Name of ann");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Feedback for Name of ann – Spring review", await page.TitleAsync());
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));

        // Leadership: 4, 5, 3, not observed, 4. Tab reaches each group in order; arrows choose within it.
        await FillSheetAsync(page, "leadership", [4, 5, 3, null, 4], "Listens first and makes room for every voice.");
        await Assertions.Expect(page.Locator("#leadership-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Submitted \\(revision 1\\)"));

        await FillSheetAsync(page, "management", [2, null, 3], null, submit: false);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("rater-page.png"), FullPage = true });
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));
        await page.Keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, "button", "Submit management sheet");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#management-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Submitted \\(revision 1\\)"));
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));

        // Both sheets stored, and both valid: the rater counts as a peer responder of ann.
        var reader = await org.ClientWithScopesAsync("reports:read");
        var progress = await reader.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycle}/progress");
        var ann = progress.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("subjectExternalId").GetString() == "ann");
        Assert.Equal(1, ann.GetProperty("submitted").GetProperty("peer").GetInt32());
        Assert.Equal(1, ann.GetProperty("responders").GetProperty("peer").GetInt32()); // both sheets stored and valid

        // Sheets are write-only: after a reload the page shows that they were sent, never what was in them.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#management-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Submitted \\(revision 1\\)"));
        Assert.Equal(0, await page.Locator("input:checked").CountAsync());
        Assert.Equal("", await page.Locator("#leadership-comment").InputValueAsync());
    }

    [Fact]
    public async Task ShowsTheApiValidationErrorNextToTheBehaviorItNames_AndSendsOnceFixed()
    {
        var (_, _, raterUrl) = await OpenCycleWithOnePeerAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(raterUrl);

        // Everything but empathy: the API answers 400 with errors["scores.empathy"], shown inside Empathy's fieldset.
        foreach (var key in Leadership.Where(k => k != "empathy"))
        {
            await Behavior(page, "leadership", key).GetByLabel("3", new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit leadership sheet" }).ClickAsync();
        var empathy = Behavior(page, "leadership", "empathy");
        await Assertions.Expect(empathy.Locator(".field-error")).ToHaveTextAsync(
            "Choose a point of the scale, or \"Not observed\" if you have not seen this behavior.");
        Assert.Equal(1, await page.Locator("fieldset.invalid").CountAsync());
        Assert.Equal("true", await empathy.Locator("input").First.GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(page.Locator("#leadership-state")).ToHaveTextAsync("Not submitted yet.");
        Assert.Equal("empathy", await page.EvaluateAsync<string>("() => document.activeElement.dataset.behavior"));
        await empathy.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("rater-page-error.png") });
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));

        await empathy.GetByLabel("Not observed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit leadership sheet" }).ClickAsync();
        await Assertions.Expect(page.Locator("#leadership-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Submitted \\(revision 1\\)"));
        Assert.Equal(0, await page.Locator("fieldset.invalid").CountAsync());
    }

    [Fact]
    public async Task KeepsTheUnsentDraftInSessionStorage_AcrossAReload()
    {
        var (_, _, raterUrl) = await OpenCycleWithOnePeerAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(raterUrl);
        await Behavior(page, "management", "managing-resources").GetByLabel("5", new() { Exact = true }).CheckAsync();
        await page.Locator("#management-comment").FillAsync("Plans well.");

        await page.ReloadAsync();

        await Assertions.Expect(Behavior(page, "management", "managing-resources").GetByLabel("5", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#management-comment")).ToHaveValueAsync("Plans well.");
        Assert.Equal(1, await page.Locator("input:checked").CountAsync());
    }

    [Fact]
    public async Task ShowsAClosedCycleReadOnly()
    {
        var (org, cycle, raterUrl) = await OpenCycleWithOnePeerAsync();
        await org.TransitionAsync(cycle, "close");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(raterUrl);

        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("This cycle is closed.");
        await Assertions.Expect(page.GetByText("Empathy", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("input, textarea, button").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("rater-page-closed.png"), FullPage = true });
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));
    }

    [Fact]
    public async Task ExplainsALinkThatNoLongerWorks()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{api.BaseUrl}/rate#token=fbr_{new string('x', 43)}");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("This link no longer works");

        await page.GotoAsync($"{api.BaseUrl}/rate");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("needs the link you were sent");
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(page));
    }

    /// <summary>Types a sheet with the keyboard: Tab into each behavior, Space picks the first point, arrows move on.</summary>
    private static async Task FillSheetAsync(IPage page, string dimension, int?[] answers, string? comment, bool submit = true)
    {
        var keys = dimension == "leadership" ? Leadership : Management;
        for (var i = 0; i < answers.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal(keys[i], await page.EvaluateAsync<string>("() => document.activeElement.dataset.behavior"));
            await page.Keyboard.PressAsync("Space"); // scale point 1
            if (answers[i] is { } score)
            {
                for (var step = 1; step < score; step++)
                {
                    await page.Keyboard.PressAsync("ArrowRight");
                }
            }
            else
            {
                await page.Keyboard.PressAsync("ArrowLeft"); // from the first point round to "Not observed"
            }

            var expected = answers[i]?.ToString() ?? "Not observed";
            await Assertions.Expect(Behavior(page, dimension, keys[i]).GetByLabel(expected, new() { Exact = true })).ToBeCheckedAsync();
        }

        await page.Keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, "textarea", null);
        if (comment is not null)
        {
            await page.Keyboard.TypeAsync(comment);
        }

        if (submit)
        {
            await page.Keyboard.PressAsync("Tab");
            await ExpectFocusAsync(page, "button", $"Submit {dimension} sheet");
            await page.Keyboard.PressAsync("Enter");
        }
    }

    private static async Task ExpectFocusAsync(IPage page, string tag, string? text)
    {
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.tagName.toLowerCase() + '|' + document.activeElement.textContent");
        Assert.StartsWith(tag + "|", focused);
        if (text is not null)
        {
            Assert.Equal($"{tag}|{text}", focused);
        }
    }

    private static ILocator Behavior(IPage page, string dimension, string key) =>
        page.Locator($"section[aria-labelledby='{dimension}-title'] fieldset[data-behavior='{key}']");

    private async Task<(TestOrganization Org, Guid Cycle, string RaterUrl)> OpenCycleWithOnePeerAsync()
    {
        var org = await api.CreateOrganizationAsync();
        await org.SeedPeopleAsync(("boss", null), ("ann", "boss"), ("bob", "boss"));
        var cycle = await org.CreateCycleAsync(new { name = "Spring review" });
        var response = await org.Admin.PostAsJsonAsync($"/v1/cycles/{cycle}/assignments",
            new { subjectExternalId = "ann", raterExternalId = "bob", relationship = "peer" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var raterUrl = created.GetProperty("raterUrl").GetString()!;
        Assert.Equal($"{api.BaseUrl}/rate#token={created.GetProperty("raterToken").GetString()}", raterUrl);
        await org.TransitionAsync(cycle, "open");
        return (org, cycle, raterUrl);
    }
}
