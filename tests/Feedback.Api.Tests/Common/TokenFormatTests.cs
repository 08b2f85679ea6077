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
    public void BootstrapKey_MustHavePrefixLengthAndNoWhitespace(string key, bool valid) =>
        Assert.Equal(valid, TokenFormat.IsValidBootstrapKey(key));
}
