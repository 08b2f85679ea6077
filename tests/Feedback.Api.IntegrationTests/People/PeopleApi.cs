namespace Feedback.Api.IntegrationTests.People;

/// <summary>Small helpers for the people tests.</summary>
internal static class PeopleApi
{
    public static Task<HttpResponseMessage> PutPersonAsync(this HttpClient client, string externalId, object body) =>
        client.PutAsJsonAsync($"/v1/people/{externalId}", body);

    /// <summary>Creates or replaces a person and fails the test unless it worked.</summary>
    public static async Task<JsonElement> PutPersonOkAsync(this HttpClient client, string externalId, string? manager = null, string? department = null)
    {
        var response = await client.PutPersonAsync(externalId, new { displayName = $"Person {externalId}", managerExternalId = manager, department });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {externalId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetPersonAsync(this HttpClient client, string externalId)
    {
        var response = await client.GetAsync($"/v1/people/{externalId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {externalId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> ImportCsvAsync(this HttpClient client, string csv) =>
        client.PostAsync("/v1/people/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> ImportJsonAsync(this HttpClient client, object rows) =>
        client.PostAsJsonAsync("/v1/people/import", rows);

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
