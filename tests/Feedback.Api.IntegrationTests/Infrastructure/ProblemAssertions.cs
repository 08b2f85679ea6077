using System.Net;
using System.Text.Json;

namespace Feedback.Api.IntegrationTests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the status and the fields every problem carries; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        foreach (var field in new[] { "type", "title", "detail", "traceId" })
        {
            Assert.True(body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString()!.Length > 0, $"problem lacks '{field}': {text}");
        }

        return body;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/> in <c>errors</c>.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors lacks '{field}': {body}");
        }

        return body;
    }
}
