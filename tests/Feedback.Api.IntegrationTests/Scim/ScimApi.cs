using System.Net.Http.Headers;

namespace Feedback.Api.IntegrationTests.Scim;

/// <summary>Calls and wire-format checks shared by the SCIM tests.</summary>
internal static class ScimApi
{
    public const string MediaType = "application/scim+json";
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /// <summary>A body sent as <c>application/scim+json</c>, as identity providers send it.</summary>
    public static StringContent Body(object body) =>
        new(JsonSerializer.Serialize(body), new MediaTypeHeaderValue(MediaType));

    public static Task<HttpResponseMessage> PostUserAsync(this HttpClient client, object body) =>
        client.PostAsync("/scim/v2/Users", Body(body));

    public static Task<HttpResponseMessage> PatchUserAsync(this HttpClient client, string id, params object[] operations) =>
        client.PatchAsync($"/scim/v2/Users/{id}", Body(new { schemas = new[] { PatchOp }, Operations = operations }));

    public static object NewUser(string userName, string? externalId = null) => new
    {
        schemas = new[] { UserSchema },
        userName,
        externalId,
        name = new { givenName = "Ada", familyName = "Lovelace" },
        emails = new[] { new { value = userName.Contains('@') ? userName : $"{userName}@example.com", type = "work", primary = true } },
        active = true,
    };

    /// <summary>Creates a user and fails unless it was a 201; returns the SCIM id.</summary>
    public static async Task<string> CreateUserAsync(this HttpClient client, string userName, object? body = null)
    {
        var user = await (await client.PostUserAsync(body ?? NewUser(userName))).AssertScimAsync(HttpStatusCode.Created);
        return user.GetProperty("id").GetString()!;
    }

    /// <summary>Asserts the status and the SCIM media type; returns the body.</summary>
    public static async Task<JsonElement> AssertScimAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts a SCIM error body (RFC 7644 §3.12): Error schema, status as a string, scimType, detail.</summary>
    public static async Task<JsonElement> AssertScimErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string? scimType = null)
    {
        var body = await response.AssertScimAsync(status);
        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:Error"], body.GetProperty("schemas").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(((int)status).ToString(), body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()), $"no detail: {body}");
        if (scimType is null)
        {
            Assert.False(body.TryGetProperty("scimType", out _), $"unexpected scimType: {body}");
        }
        else
        {
            Assert.Equal(scimType, body.GetProperty("scimType").GetString());
        }

        return body;
    }

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
