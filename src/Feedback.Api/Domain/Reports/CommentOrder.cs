using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Domain.Reports;

/// <summary>
/// Others' comments in an order that reveals neither submission time nor relationship: sorted by
/// HMAC-SHA256(key, comment text). The key is secret per cycle (or subject), so the order can't be predicted either.
/// </summary>
public static class CommentOrder
{
    /// <summary>
    /// The non-blank comments of each dimension of the given raters (the counted raters; a self rater among them is
    /// skipped), in keyed-hash order.
    /// </summary>
    public static ReportComments Collect(IReadOnlyList<RaterInput> raters, ReadOnlySpan<byte> key)
    {
        var others = raters.Where(r => r.Relationship != Relationship.Self).ToList();
        return new ReportComments(
            Order(others.Select(r => r.LeadershipComment), key),
            Order(others.Select(r => r.ManagementComment), key));
    }

    /// <summary>The non-blank comments sorted by their keyed hash (ties, i.e. identical texts, are interchangeable).</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string?> comments, ReadOnlySpan<byte> key)
    {
        var keyed = new List<(byte[] Hash, string Text)>();
        foreach (var comment in comments)
        {
            if (!string.IsNullOrWhiteSpace(comment))
            {
                keyed.Add((HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(comment)), comment));
            }
        }

        keyed.Sort((a, b) =>
        {
            var byHash = a.Hash.AsSpan().SequenceCompareTo(b.Hash);
            return byHash != 0 ? byHash : string.CompareOrdinal(a.Text, b.Text);
        });
        return keyed.Select(c => c.Text).ToList();
    }
}
