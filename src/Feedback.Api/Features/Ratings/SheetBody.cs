using System.Text.Json;

namespace Feedback.Api.Features.Ratings;

/// <summary>
/// The sheet body as sent: parsed JSON, or null when it is empty or not JSON. It is not judged here: the contract
/// checks 404 → 403 → 409 before the body, so a closed cycle answers 409 whatever the body holds (even broken JSON).
/// Only transport problems answer at once: a non-JSON content type (415) and a body over the limit (413).
/// </summary>
public sealed class SheetBody(JsonElement? json)
{
    /// <summary>The largest sheet body accepted, in bytes (a full sheet with a 2,000-char comment is ~10 KiB).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body; null when it was empty or not valid JSON.</summary>
    public JsonElement? Json { get; } = json;

    public static async ValueTask<SheetBody?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 && string.IsNullOrEmpty(request.ContentType))
        {
            return new SheetBody(null);
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The sheet body must be application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        // The body-limit middleware refuses a declared Content-Length over the limit; this also bounds chunked bodies.
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return new SheetBody(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return new SheetBody(null);
        }
    }
}
