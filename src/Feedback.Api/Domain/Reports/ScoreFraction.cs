using System.Numerics;

namespace Feedback.Api.Domain.Reports;

/// <summary>
/// A rater's dimension score (or paired gap) as the fraction it is: a sum of integer scores over how many were scored.
/// Means over raters are computed from these exactly and rounded once, so two means that are equal as numbers are the
/// same double. The gap report sorts by them (ties by externalId) and quadrants compare them with the median (a tie is
/// high); summing rounded doubles instead made 61/15 come out as 4.0666666666666664 for one subject and
/// 4.0666666666666673 for another, and decided those ties by rounding.
/// </summary>
public readonly record struct ScoreFraction(long Numerator, long Denominator)
{
    private static readonly BigInteger ExactInDouble = BigInteger.One << 53;

    public double Value => (double)Numerator / Denominator;

    public static ScoreFraction operator -(ScoreFraction a, ScoreFraction b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    /// <summary>The mean of the values, exact until the one final rounding.</summary>
    public static double Mean(IReadOnlyList<ScoreFraction> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        BigInteger numerator = BigInteger.Zero;
        BigInteger denominator = BigInteger.One;
        foreach (var v in values)
        {
            numerator = (numerator * v.Denominator) + (v.Numerator * denominator);
            denominator *= v.Denominator;
            var common = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!common.IsOne && !common.IsZero)
            {
                numerator /= common;
                denominator /= common;
            }
        }

        denominator *= values.Count;
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsZero ? 0 : ToDouble(numerator / gcd, denominator / gcd);
    }

    /// <summary>A reduced fraction as a double: the same fraction always gives the same double.</summary>
    private static double ToDouble(BigInteger numerator, BigInteger denominator)
    {
        if (BigInteger.Abs(numerator) <= ExactInDouble && denominator <= ExactInDouble)
        {
            return (double)numerator / (double)denominator; // both exact, so one correctly rounded division
        }

        var shift = 64 - (int)(BigInteger.Abs(numerator).GetBitLength() - denominator.GetBitLength());
        var quotient = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }
}
