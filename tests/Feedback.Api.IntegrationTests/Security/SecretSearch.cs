using System.Text;

namespace Feedback.Api.IntegrationTests.Security;

/// <summary>Every form in which a secret could sit readable in a dump: the text, its UTF-8 bytes as hex (how
/// PostgreSQL writes bytea), and base64/base64url at each of the three byte alignments it could have inside a longer
/// encoded value.</summary>
internal static class SecretSearch
{
    public static IEnumerable<(string Form, string Needle)> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        yield return ("text", secret);
        yield return ("hex", Convert.ToHexStringLower(bytes));
        yield return ("HEX", Convert.ToHexString(bytes));
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift].Concat(bytes).ToArray();
            var encoded = Convert.ToBase64String(padded);
            // Drop the characters that mix in the neighbouring bytes at both ends.
            var start = (int)Math.Ceiling(shift * 4 / 3.0);
            var core = encoded[start..^4];
            yield return ($"base64+{shift}", core);
            yield return ($"base64url+{shift}", core.Replace('+', '-').Replace('/', '_'));
        }
    }

    /// <summary>The forms of <paramref name="secret"/> found in <paramref name="haystack"/>.</summary>
    public static List<string> FoundIn(string haystack, string secret) =>
        Forms(secret).Where(f => haystack.Contains(f.Needle, StringComparison.Ordinal)).Select(f => f.Form).ToList();
}
