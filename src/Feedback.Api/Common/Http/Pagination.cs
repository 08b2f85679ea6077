using System.Text;

namespace Feedback.Api.Common.Http;

/// <summary>A page of a list: <c>{ items, nextCursor }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset pagination: the cursor is the opaque (base64url) sort key of the last item returned, so pages stay
/// stable while rows are added.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a cursor made by <see cref="Encode"/>; 400 when it is not one with the expected parts.</summary>
    public static string[]? Decode(string? cursor, int parts)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(s)).Split('\u001f');
            if (decoded.Length == parts)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }

        throw new RequestValidationException("cursor", "The cursor is not one this list returned.");
    }

    /// <summary>The limit to use; 400 outside 1..200.</summary>
    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new RequestValidationException("limit", $"limit must be between 1 and {MaxLimit}."),
    };

    /// <summary>Cuts a list fetched with <c>limit + 1</c> rows into a page.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), cursorOf(rows[limit - 1]))
            : new Page<T>(rows, null);
}
