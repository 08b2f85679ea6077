using Feedback.Api.Features.Outcomes;
using Microsoft.Extensions.Configuration;

namespace Feedback.Api.Tests.Insight;

public sealed class OutcomeOptionsTests
{
    private static IConfiguration With(string? acceptFor) => new ConfigurationBuilder()
        .AddInMemoryCollection(acceptFor is null ? [] : [new("Feedback:Outcomes:AcceptFor", acceptFor)])
        .Build();

    [Theory]
    [InlineData(null)]
    [InlineData("180.00:00:00")]
    [InlineData("00:00:00")]
    public void AcceptsTheDefaultAndSensibleWindows(string? acceptFor) => Assert.Empty(OutcomeOptions.Problems(With(acceptFor)));

    [Theory]
    [InlineData("forever")]
    [InlineData("-1.00:00:00")]
    [InlineData("4000.00:00:00")]
    public void RefusesToStart_WithAnUnusableWindow(string acceptFor) =>
        Assert.StartsWith("Feedback__Outcomes__AcceptFor", Assert.Single(OutcomeOptions.Problems(With(acceptFor))), StringComparison.Ordinal);

    [Fact]
    public void DefaultsTo180Days() => Assert.Equal(TimeSpan.FromDays(180), new OutcomeOptions().AcceptFor);
}
