using System.Numerics;

namespace Feedback.Api.Tests.Reports.Attacker;

/// <summary>
/// Exact arithmetic modulo the Mersenne prime p = 2^61 − 1. The shown means have small rational coefficients
/// (1/(n·m_r), 1/n_b); mapped into this field, the rank of the system is exact unless p divides one of its minors,
/// which for entries with denominators below 10^5 and a few dozen rows is vanishingly unlikely, and would only make the
/// attacker find less over the field than over the rationals if p divided a minor of the whole system as well.
/// </summary>
internal static class PrimeField
{
    public const ulong P = (1UL << 61) - 1;

    public static ulong Add(ulong a, ulong b)
    {
        var s = a + b;
        return s >= P ? s - P : s;
    }

    public static ulong Sub(ulong a, ulong b) => a >= b ? a - b : a + P - b;

    public static ulong Mul(ulong a, ulong b)
    {
        var z = (UInt128)a * b;
        var r = (ulong)(z & P) + (ulong)(z >> 61);
        while (r >= P)
        {
            r -= P;
        }

        return r;
    }

    public static ulong Inverse(ulong a)
    {
        if (a == 0)
        {
            throw new DivideByZeroException();
        }

        // Fermat: a^(p−2).
        ulong result = 1, b = a;
        for (var e = P - 2; e > 0; e >>= 1)
        {
            if ((e & 1) == 1)
            {
                result = Mul(result, b);
            }

            b = Mul(b, b);
        }

        return result;
    }

    /// <summary>The field element of an exact rational.</summary>
    public static ulong From(BigInteger numerator, BigInteger denominator)
    {
        var p = new BigInteger(P);
        var n = (ulong)(((numerator % p) + p) % p);
        var d = (ulong)(((denominator % p) + p) % p);
        return Mul(n, Inverse(d));
    }

    /// <summary>The rank of the matrix (rows × columns), by Gaussian elimination on a copy.</summary>
    public static int Rank(ulong[][] rows, IReadOnlyList<int> columns)
    {
        var m = rows.Select(r => columns.Select(c => r[c]).ToArray()).ToArray();
        var rank = 0;
        for (var col = 0; col < columns.Count && rank < m.Length; col++)
        {
            var pivot = -1;
            for (var i = rank; i < m.Length; i++)
            {
                if (m[i][col] != 0)
                {
                    pivot = i;
                    break;
                }
            }

            if (pivot < 0)
            {
                continue;
            }

            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            var inverse = Inverse(m[rank][col]);
            for (var i = rank + 1; i < m.Length; i++)
            {
                if (m[i][col] == 0)
                {
                    continue;
                }

                var factor = Mul(m[i][col], inverse);
                for (var j = col; j < columns.Count; j++)
                {
                    m[i][j] = Sub(m[i][j], Mul(factor, m[rank][j]));
                }
            }

            rank++;
        }

        return rank;
    }

    /// <summary>A basis of the row space (the nonzero rows of an echelon form), same width as the input.</summary>
    public static ulong[][] RowBasis(ulong[][] rows, int width)
    {
        var m = rows.Select(r => (ulong[])r.Clone()).ToList();
        var basis = new List<ulong[]>();
        for (var col = 0; col < width && m.Count > 0; col++)
        {
            var pivot = m.FindIndex(r => r[col] != 0);
            if (pivot < 0)
            {
                continue;
            }

            var row = m[pivot];
            m.RemoveAt(pivot);
            var inverse = Inverse(row[col]);
            foreach (var other in m)
            {
                if (other[col] == 0)
                {
                    continue;
                }

                var factor = Mul(other[col], inverse);
                for (var j = col; j < width; j++)
                {
                    other[j] = Sub(other[j], Mul(factor, row[j]));
                }
            }

            basis.Add(row);
        }

        return [.. basis];
    }
}
