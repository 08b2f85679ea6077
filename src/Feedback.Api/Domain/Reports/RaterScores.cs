namespace Feedback.Api.Domain.Reports;

/// <summary>s(r, d): one rater's score in one dimension (PRODUCT.md, "How the numbers are computed" 1).</summary>
public static class RaterScores
{
    /// <summary>
    /// The mean of the non-null scores the sheet gives the dimension's behaviors (<paramref name="dimensionKeys"/>,
    /// m = their count), or null when the sheet is missing or scores fewer than ceil(m/2) of them (and never from zero scores).
    /// Keys outside the dimension are ignored, so a stray key cannot make a sheet valid.
    /// </summary>
    public static double? Score(IReadOnlyDictionary<string, int?>? sheet, IReadOnlyList<string> dimensionKeys) =>
        Fraction(sheet, dimensionKeys)?.Value;

    /// <summary><see cref="Score"/> as the exact fraction sum / scored, for means that are exact (<see cref="ScoreFraction"/>).</summary>
    public static ScoreFraction? Fraction(IReadOnlyDictionary<string, int?>? sheet, IReadOnlyList<string> dimensionKeys)
    {
        if (sheet is null)
        {
            return null;
        }

        var sum = 0L;
        var scored = 0;
        foreach (var key in dimensionKeys)
        {
            if (sheet.TryGetValue(key, out var value) && value is int score)
            {
                sum += score;
                scored++;
            }
        }

        return scored > 0 && scored >= MinimumScored(dimensionKeys.Count) ? new ScoreFraction(sum, scored) : null;
    }

    /// <summary>ceil(m/2): how many behaviors a rater must score for the dimension score to count.</summary>
    public static int MinimumScored(int behaviorCount) => (behaviorCount + 1) / 2;
}
