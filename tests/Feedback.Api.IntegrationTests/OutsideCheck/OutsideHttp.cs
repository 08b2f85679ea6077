using System.Net.Http.Headers;
using System.Text;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// HTTP calls as API.md writes them, each with the status it must answer (a wrong status fails with the body).
/// One client, the bearer token per request: API keys and thousands of rater tokens share it.
/// </summary>
public sealed class OutsideHttp(HttpClient http)
{
    public async Task<JsonElement> SendAsync(string token, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        var (status, text) = await SendRawAsync(token, method, url, body);
        if (status != expected)
        {
            throw new Xunit.Sdk.XunitException($"{method} {url}: expected {(int)expected}, got {(int)status}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, string Body)> SendRawAsync(string token, HttpMethod method, string url, object? body, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (accept is not null && response.IsSuccessStatusCode)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == accept, $"GET {url} with Accept: {accept} answered {response.Content.Headers.ContentType}");
        }

        return (response.StatusCode, text);
    }

    public Task<JsonElement> GetAsync(string token, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(token, HttpMethod.Get, url, null, expected);

    public Task<JsonElement> PostAsync(string token, string url, object? body, HttpStatusCode expected) =>
        SendAsync(token, HttpMethod.Post, url, body, expected);

    public Task<JsonElement> PutAsync(string token, string url, object? body, HttpStatusCode expected) =>
        SendAsync(token, HttpMethod.Put, url, body, expected);

    /// <summary>Every item of a paged list (API.md: <c>{items, nextCursor}</c>), following the cursors.</summary>
    public async Task<List<JsonElement>> GetAllPagesAsync(string token, string url, int limit, Action<JsonElement>? eachPage = null)
    {
        var items = new List<JsonElement>();
        var separator = url.Contains('?') ? '&' : '?';
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, $"{url}: the cursors never end");
            var page = await GetAsync(token, $"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            eachPage?.Invoke(page);
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(pageItems.Count <= limit, $"{url}: a page of {pageItems.Count} items with limit={limit}");
            items.AddRange(pageItems);
            var next = page.GetProperty("nextCursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                return items;
            }

            Assert.True(pageItems.Count > 0, $"{url}: an empty page with a next cursor");
            cursor = next.GetString();
        }
    }
}
