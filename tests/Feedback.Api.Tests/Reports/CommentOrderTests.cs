using System.Security.Cryptography;
using System.Text;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports;

public sealed class CommentOrderTests
{
    private static readonly string[] Texts = ["Plans well", "Listens", "Could delegate more", "Clear goals", "Kind", "Decisive"];

    [Fact]
    public void Order_SortsByTheKeyedHash()
    {
        var expected = Texts
            .OrderBy(t => Convert.ToHexString(HMACSHA256.HashData(ReportFixtures.Key, Encoding.UTF8.GetBytes(t))), StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, CommentOrder.Order(Texts, ReportFixtures.Key));
    }

    [Fact]
    public void Order_DoesNotDependOnTheInputOrder() =>
        Assert.Equal(CommentOrder.Order(Texts, ReportFixtures.Key), CommentOrder.Order(Texts.Reverse(), ReportFixtures.Key));

    [Fact]
    public void Order_DependsOnTheKey() =>
        Assert.NotEqual(CommentOrder.Order(Texts, ReportFixtures.Key), CommentOrder.Order(Texts, "another key"u8));

    [Fact]
    public void Order_DropsBlankComments_AndKeepsDuplicates() =>
        Assert.Equal(["Same", "Same"], CommentOrder.Order(["Same", null, "", "  \n", "Same"], ReportFixtures.Key));

    [Fact]
    public void Collect_TakesOthersCommentsOfEachDimension_NeverSelf()
    {
        RaterInput[] raters =
        [
            new(Relationship.Self, null, null, "I lead well", "I manage well"),
            new(Relationship.Manager, null, null, "Listens", null),
            new(Relationship.DirectReport, null, null, " ", "Plans well"),
            new(Relationship.Other, null, null, "Kind", "Decisive"),
        ];

        var comments = CommentOrder.Collect(raters, ReportFixtures.Key);

        Assert.Equal(["Kind", "Listens"], comments.Leadership.Order(StringComparer.Ordinal));
        Assert.Equal(["Decisive", "Plans well"], comments.Management.Order(StringComparer.Ordinal));
    }
}
