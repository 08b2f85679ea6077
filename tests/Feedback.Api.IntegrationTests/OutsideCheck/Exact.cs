using System.Numerics;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// An exact fraction. The reference keeps every mean exact, so ties at a median or in a sort are decided by
/// arithmetic, not by the rounding of one summation order; only square roots (sd, ci95) go through doubles.
/// </summary>
public readonly record struct Exact : IComparable<Exact>
{
    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public Exact(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = numerator;
        Denominator = denominator.IsZero ? BigInteger.One : denominator;
    }

    public static Exact Zero { get; } = new(0, 1);

    public static implicit operator Exact(int value) => new(value, 1);

    public static Exact operator +(Exact a, Exact b) => new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Exact operator -(Exact a, Exact b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Exact operator -(Exact a) => new(-a.Numerator, a.Denominator);

    public static Exact operator *(Exact a, Exact b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Exact operator /(Exact a, Exact b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Exact a, Exact b) => a.CompareTo(b) < 0;

    public static bool operator >(Exact a, Exact b) => a.CompareTo(b) > 0;

    public static bool operator <=(Exact a, Exact b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Exact a, Exact b) => a.CompareTo(b) >= 0;

    public int Sign => Numerator.Sign;

    public int CompareTo(Exact other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The nearest double, also for numerators and denominators beyond 2^53.</summary>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0;
        }

        // Scale so the integer quotient carries 64 significant bits, then let the FPU round once more.
        var shift = 64 - (int)(Numerator.GetBitLength() - Denominator.GetBitLength());
        var quotient = shift >= 0 ? (Numerator << shift) / Denominator : Numerator / (Denominator << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }

    public static Exact Sum(IEnumerable<Exact> values) => values.Aggregate(Zero, (a, b) => a + b);

    public static Exact Mean(IReadOnlyCollection<Exact> values) => Sum(values) / values.Count;

    public override string ToString() => Denominator.IsOne ? $"{Numerator}" : $"{Numerator}/{Denominator} (≈{ToDouble():R})";
}
