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

    public static bool IsValidBootstrapKey(string key) =>
        key.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) && key.Length >= 32 && !key.Any(char.IsWhiteSpace);

    private static string RandomPart() => Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
