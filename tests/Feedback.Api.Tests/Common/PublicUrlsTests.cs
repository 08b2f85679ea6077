using Feedback.Api.Common;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Tests.Common;

public sealed class PublicUrlsTests
{
    [Theory]
    [InlineData("https://feedback.example.com", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("https://example.com/feedback", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("/relative", false)]
    [InlineData("https://example.com/?a=1", false)]
    [InlineData("https://example.com/#x", false)]
    [InlineData("", false)]
    public void IsValidBaseUrl_AcceptsOnlyAbsoluteHttpUrlsWithoutQueryOrFragment(string value, bool valid) =>
        Assert.Equal(valid, PublicUrls.IsValidBaseUrl(value));

    [Fact]
    public void RaterUrl_PutsTheTokenInTheFragment_AfterTheBaseWithoutItsTrailingSlash()
    {
        var urls = new PublicUrls(Options.Create(new FeedbackOptions { PublicBaseUrl = "https://hr.example.com/feedback/" }));
        Assert.Equal("https://hr.example.com/feedback/rate#token=fbr_abc", urls.RaterUrl("fbr_abc"));
        Assert.Equal("https://hr.example.com/feedback/scim/v2/Users/1", urls.For("/scim/v2/Users/1"));
    }
}
