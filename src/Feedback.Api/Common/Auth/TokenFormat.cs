using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Common.Auth;

/// <summary>Makes and hashes the two kinds of bearer token. Secrets are stored only as SHA-256 hashes.</summary>
public static class TokenFormat
{
    public const string ApiKeyPrefix = "fbk_";
    public const string RaterTokenPrefix = "fbr_";

    public static string NewApiKey() => ApiKeyPrefix + RandomPart();

    public static string NewRaterToken() => RaterTokenPrefix + RandomPart();

    /// <summary>How many random bytes a token carries.</summary>
    public const int RandomBytes = 32;

    /// <summary>A rater token from <see cref="RandomBytes"/> bytes the caller drew from a CSPRNG (for many tokens at
    /// once, kept as bytes until they are written out).</summary>
    public static string RaterToken(ReadOnlySpan<byte> random) =>
        random.Length == RandomBytes ? RaterTokenPrefix + Base64Url(random) : throw new ArgumentException("Wrong number of random bytes.", nameof(random));

    // 32 random bytes: brute force is hopeless, so a fast hash is enough (no per-row salt needed).
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Words that mark a key copied from documentation or an example file.</summary>
    private static readonly string[] PlaceholderWords = ["change-me", "changeme", "change_me", "example", "placeholder", "replace-me", "your-key"];

    /// <summary>
    /// Null when <paramref name="key"/> may be the bootstrap admin key, else why not. Always: <c>fbk_</c>, at least 32
    /// characters, no whitespace. Outside Development it must also look random, so a placeholder from a compose file
    /// or an example manifest never guards a real service: at least 32 characters after <c>fbk_</c>, at least 12
    /// distinct ones, no run of 6 equal or 6 consecutive characters (aaaaaa, 012345), no "change-me" or "example".
    /// </summary>
    public static string? BootstrapKeyProblem(string key, bool isDevelopment)
    {
        if (!key.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) || key.Length < 32 || key.Any(char.IsWhiteSpace))
        {
            return "must start with 'fbk_', be at least 32 characters and contain no whitespace.";
        }

        if (isDevelopment)
        {
            return null;
        }

        var random = key[ApiKeyPrefix.Length..];
        if (PlaceholderWords.Any(w => random.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return "is a placeholder (it contains \"change-me\" or \"example\"); generate one, e.g. fbk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=').";
        }

        if (random.Length < 32 || random.Distinct().Count() < 12 || HasRun(random))
        {
            return "does not look random: give at least 32 random characters after 'fbk_', e.g. fbk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=').";
        }

        return null;
    }

    /// <summary>6 equal characters in a row, or 6 consecutive ones up or down (aaaaaa, 123456, fedcba). A generated key
    /// has one with a probability of about 1e-7.</summary>
    private static bool HasRun(string s)
    {
        int equal = 1, up = 1, down = 1;
        for (var i = 1; i < s.Length; i++)
        {
            equal = s[i] == s[i - 1] ? equal + 1 : 1;
            up = s[i] == s[i - 1] + 1 ? up + 1 : 1;
            down = s[i] == s[i - 1] - 1 ? down + 1 : 1;
            if (equal >= 6 || up >= 6 || down >= 6)
            {
                return true;
            }
        }

        return false;
    }

    private static string RandomPart() => Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
