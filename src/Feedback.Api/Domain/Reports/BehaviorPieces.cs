namespace Feedback.Api.Domain.Reports;

/// <summary>
/// The "pieces" rule of PRODUCT.md, "Anonymity": which counted raters a dimension's behavior figures may come from.
/// </summary>
/// <remarks>
/// A rater's scores weigh 1/m_r in a dimension mean (m_r = behaviors they scored) but 1/n_b in a behavior mean, so
/// raters who skipped different behaviors can be told apart by arithmetic on the two kinds of mean; raters who skipped
/// the same ones cannot. So within a part (a shown group, or the hidden remainder), raters with the same set of
/// unscored behaviors form a piece; a piece of at least k is in, and the rest of the part (its smaller pieces
/// together) must be 0 or at least k, or the whole part is out (else dimension mean minus the in pieces would isolate
/// the few in the rest).
/// </remarks>
public static class BehaviorPieces
{
    // Worked by hand, k = 3, one part, signatures = the unscored behaviors:
    //   [∅, ∅, ∅, ∅, {empathy}]                        → piece ∅ (4) in, rest 1 → the whole part is out.
    //   [∅, ∅, ∅, {a}, {b}, {c}]                       → piece ∅ (3) in, rest 3 → in: the three complete raters.
    //   [∅, ∅, ∅, {empathy}, {empathy}, {empathy}]     → both pieces in: all six.
    //   [∅, ∅]                                        → no piece in, rest 2 → out (nothing from it).

    /// <summary>
    /// For one part, which of its raters are in: those in a piece of at least <paramref name="k"/> raters, unless the
    /// rest of the part is 1..k-1 raters, when nobody is.
    /// </summary>
    /// <param name="signatures">Per rater of the part, what identifies its piece (the set of behaviors it left unscored).</param>
    /// <param name="k">The cycle's anonymity threshold.</param>
    public static bool[] Admit(IReadOnlyList<string> signatures, int k)
    {
        var sizes = signatures.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rest = sizes.Values.Where(n => n < k).Sum();
        if (rest is > 0 && rest < k)
        {
            return new bool[signatures.Count];
        }

        return signatures.Select(s => sizes[s] >= k).ToArray();
    }

    /// <summary>A rater's piece in dimension d: the behaviors of d (in cycle order) its sheet left unscored.</summary>
    public static string Signature(IReadOnlyDictionary<string, int?>? sheet, IReadOnlyList<string> dimensionKeys) =>
        string.Join('\u001f', dimensionKeys.Where(key => sheet is null || !sheet.TryGetValue(key, out var score) || score is null));
}
