using Feedback.Api.Common.Auth;

namespace Feedback.Api.Tests.Common;

public sealed class TokenFormatTests
{
    [Fact]
    public void NewTokens_CarryTheirPrefixAndAreUnique()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => TokenFormat.NewApiKey()).ToList();
        Assert.All(keys, k => Assert.StartsWith("fbk_", k));
        Assert.All(keys, k => Assert.True(k.Length >= 40));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.StartsWith("fbr_", TokenFormat.NewRaterToken());
    }

    [Fact]
    public void Hash_IsStableAndDiffersPerToken()
    {
        Assert.Equal(TokenFormat.Hash("fbk_a"), TokenFormat.Hash("fbk_a"));
        Assert.NotEqual(TokenFormat.Hash("fbk_a"), TokenFormat.Hash("fbk_b"));
        Assert.Equal(32, TokenFormat.Hash("fbk_a").Length);
    }

    [Theory]
    [InlineData("fbk_0123456789abcdef0123456789ab", true)]
    [InlineData("fbk_0123456789abcdef0123456789a", false)] // 31 characters
    [InlineData("xyz_0123456789abcdef0123456789abcdef", false)]
    [InlineData("fbk_0123456789abcdef 0123456789abcdef", false)]
    public void BootstrapKey_InDevelopment_NeedsOnlyPrefixLengthAndNoWhitespace(string key, bool valid) =>
        Assert.Equal(valid, TokenFormat.BootstrapKeyProblem(key, isDevelopment: true) is null);

    [Theory]
    [InlineData("fbk_change-me-local-only-0123456789abcdef")] // the old docker-compose default
    [InlineData("fbk_CHANGE-ME-to-43-random-base64url-characters")] // the old Kubernetes example
    [InlineData("fbk_example-q8WJzP3kR7vLm2XcN5tYb9GhD4sFa6Ue")]
    [InlineData("fbk_0123456789abcdef0123456789abcdef")] // a sequence
    [InlineData("fbk_q8WJzP3kR7vLm2XcN5tYb9GhD4sFa6U")] // 31 after the prefix
    [InlineData("fbk_abababababababababababababababababab")] // two characters
    [InlineData("fbk_q8WJzP3kR7vLm2XcN5tYb9GhD4sFaaaaaaU1")] // six equal in a row
    public void BootstrapKey_OutsideDevelopment_RefusesPlaceholdersAndKeysThatDoNotLookRandom(string key) =>
        Assert.NotNull(TokenFormat.BootstrapKeyProblem(key, isDevelopment: false));

    [Fact]
    public void BootstrapKey_OutsideDevelopment_TakesGeneratedKeys()
    {
        // What run-local.sh, the compose file and the README generate: fbk_ + base64url of 32 random bytes.
        for (var i = 0; i < 500; i++)
        {
            var key = TokenFormat.NewApiKey();
            Assert.True(TokenFormat.BootstrapKeyProblem(key, isDevelopment: false) is null, key);
        }
    }
}
