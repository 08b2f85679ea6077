using System.Xml.Linq;

namespace Feedback.Api.IntegrationTests.Insight;

[Collection(ApiCollection.Name)]
public sealed class ReportPicturesTests(FeedbackApiFactory api)
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    private static void AssertLockedDown(HttpResponseMessage response, string mediaType)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
    }

    private static IEnumerable<string> Texts(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim());

    [Fact]
    public async Task PersonReport_AsSvg_DrawsTheBehaviorsAndDimensions_WithTheirNames()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var reader = await org.ClientWithScopesAsync("reports:read");
        var response = await GetAsync(reader, $"/v1/cycles/{cycleId}/reports/people/ada", "image/svg+xml");

        AssertLockedDown(response, "image/svg+xml");
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()); // well-formed XML
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var texts = Texts(svg).ToList();
        foreach (var label in new[] { "Active listening", "Empathy", "Building trust", "Organizing projects", "Directing workflows", "LEADERSHIP (mean)", "MANAGEMENT (mean)", "4.00", "3.00" })
        {
            Assert.Contains(texts, t => t.Contains(label, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        // The name is text (XML-escaped), never markup.
        Assert.Contains(texts, t => t.Contains(PictureScenario.AdaName, StringComparison.Ordinal));

        var json = await reader.GetAsync($"/v1/cycles/{cycleId}/reports/people/ada");
        Assert.NotEqual(json.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task SuppressedPersonReport_AsSvg_DrawsNoOthersFigures_AndSaysWhy()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var response = await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/people/sam", "image/svg+xml");
        AssertLockedDown(response, "image/svg+xml");
        var texts = Texts(XDocument.Parse(await response.Content.ReadAsStringAsync())).ToList();
        Assert.Contains(texts, t => t.Contains("fewer than k = 3 raters responded", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("LEADERSHIP (mean) (hidden)", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t == "2.00" || t == "5.00"); // sam's others' means, hidden in the JSON
    }

    [Fact]
    public async Task PersonReport_AsHtml_IsAScriptFreePage_WithEveryTextEncoded()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var response = await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/people/ada", "text/html");

        AssertLockedDown(response, "text/html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Ada &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        // No element loads anything: no src or href attribute at all (the comment's "src=x" is encoded text).
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\s(src|href)\s*=", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; listens &amp; decides", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("self comment is never shown", html, StringComparison.Ordinal);
        Assert.Contains("<strong>leading more than managing</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuppressedPersonReport_AsHtml_ShowsNeitherFiguresNorComments()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var html = await (await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/people/sam", "text/html")).Content.ReadAsStringAsync();
        Assert.Contains("Others' figures are hidden", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret words", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">2.00<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">5.00<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GapReport_AsSvg_IsAScatterWithMedianLines_AndNoNames()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var gaps = await org.Admin.GetFromJsonAsync<JsonElement>($"/v1/cycles/{cycleId}/reports/gaps?limit=200");
        var reportable = gaps.GetProperty("summary").GetProperty("reportable").GetInt32();

        var response = await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/gaps", "image/svg+xml");
        AssertLockedDown(response, "image/svg+xml");
        var text = await response.Content.ReadAsStringAsync();
        var texts = Texts(XDocument.Parse(text)).ToList();
        Assert.Contains(texts, t => t.Contains($"{reportable} reportable subjects", StringComparison.Ordinal));
        var median = gaps.GetProperty("summary").GetProperty("medianLeadership").GetDouble().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(texts, t => t.EndsWith("dashed: median " + median, StringComparison.Ordinal));
        foreach (var item in gaps.GetProperty("items").EnumerateArray())
        {
            Assert.DoesNotContain(item.GetProperty("externalId").GetString()!, texts);
            Assert.DoesNotContain(item.GetProperty("displayName").GetString()!, text, StringComparison.Ordinal);
        }

        var filtered = await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/gaps?department=Eng", "image/svg+xml");
        Assert.Contains("department Eng", await filtered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json, image/svg+xml;q=0.5", "application/json")]
    [InlineData("image/svg+xml, application/json;q=0.9", "image/svg+xml")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html")]
    [InlineData("*/*", "application/json")]
    [InlineData("image/png", "application/json")]
    public async Task PersonReport_NegotiatesByQuality(string accept, string expected)
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var response = await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/people/ada", accept);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pictures_OfAnOpenCycle_Are409ProblemDetails()
    {
        var (org, cycleId) = await InsightScenario.TenSubjectsAsync(api, close: false);
        await (await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/people/s1", "text/html")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await GetAsync(org.Admin, $"/v1/cycles/{cycleId}/reports/gaps", "image/svg+xml")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Pictures_AnswerIfNoneMatch_With304()
    {
        var (org, cycleId) = await PictureScenario.BuildAsync(api);
        var url = $"/v1/cycles/{cycleId}/reports/people/ada";
        var first = await GetAsync(org.Admin, url, "text/html");
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.Accept.ParseAdd("text/html");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await org.Admin.SendAsync(again)).StatusCode);
    }
}
