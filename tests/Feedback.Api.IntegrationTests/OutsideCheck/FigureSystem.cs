using System.Numerics;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>An unknown the shown figures are linear in: one rater's value of one quantity (a score, a square, an indicator).</summary>
public readonly record struct Unknown(string Rater, string Quantity);

/// <summary>
/// The shown figures of one report as linear equations in the raters' unknowns, and the attacker's question: is any
/// nonzero combination of them supported on fewer than k raters? For every rater set T of size k−1 the rank of the
/// system without T's columns must equal its full rank (if it drops, some combination lives on T's columns alone).
/// Ranks are exact over the prime field 2^61 − 1: a rank found there can only be lower than over the rationals, so
/// a passing check cannot come from rounding (and a false alarm would need p to divide a small minor).
/// </summary>
public sealed class FigureSystem
{
    private const ulong P = (1UL << 61) - 1;

    private readonly List<(string Figure, Dictionary<Unknown, Exact> Terms)> rows = [];

    public int Rows => rows.Count;

    public void Add(string figure, IEnumerable<(Unknown Unknown, Exact Coefficient)> terms)
    {
        var row = new Dictionary<Unknown, Exact>();
        foreach (var (unknown, coefficient) in terms)
        {
            row[unknown] = row.GetValueOrDefault(unknown, Exact.Zero) + coefficient;
        }

        foreach (var zero in row.Where(t => t.Value.Sign == 0).Select(t => t.Key).ToList())
        {
            row.Remove(zero);
        }

        if (row.Count > 0)
        {
            rows.Add((figure, row));
        }
    }

    /// <summary>Each way the figures single out fewer than <paramref name="k"/> raters, as a readable sentence.</summary>
    public List<string> Violations(int k)
    {
        var violations = new List<string>();
        foreach (var component in Components())
        {
            var columns = component.SelectMany(r => rows[r].Terms.Keys).Distinct().OrderBy(u => u.Rater, StringComparer.Ordinal).ThenBy(u => u.Quantity, StringComparer.Ordinal).ToList();
            var raters = columns.Select(c => c.Rater).Distinct().ToList();
            var figures = string.Join(", ", component.Take(6).Select(r => rows[r].Figure)) + (component.Count > 6 ? ", …" : "");
            if (raters.Count < k)
            {
                violations.Add($"figures [{figures}] involve only {raters.Count} rater(s) ({string.Join(", ", raters)}), fewer than k = {k}");
                continue;
            }

            var matrix = component.Select(r => columns.Select(c => Mod(rows[r].Terms.GetValueOrDefault(c, Exact.Zero))).ToArray()).ToList();
            var basis = RowBasis(matrix, columns.Count);
            var full = basis.Count;
            foreach (var t in Subsets(raters.Count, k - 1))
            {
                var excluded = t.Select(i => raters[i]).ToHashSet();
                var keep = Enumerable.Range(0, columns.Count).Where(c => !excluded.Contains(columns[c].Rater)).ToArray();
                var restricted = basis.Select(row => keep.Select(c => row[c]).ToArray()).ToList();
                if (RowBasis(restricted, keep.Length).Count < full)
                {
                    violations.Add($"a combination of [{figures}] is supported only on raters {{{string.Join(", ", excluded)}}} (k = {k})");
                    break;
                }
            }
        }

        return violations;
    }

    /// <summary>Rows that share an unknown, transitively: independent blocks are checked apart (much smaller).</summary>
    private List<List<int>> Components()
    {
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        var owner = new Dictionary<Unknown, int>();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var unknown in rows[r].Terms.Keys)
            {
                if (owner.TryGetValue(unknown, out var other))
                {
                    parent[Find(r)] = Find(other);
                }
                else
                {
                    owner[unknown] = r;
                }
            }
        }

        return Enumerable.Range(0, rows.Count).GroupBy(Find).Select(g => g.ToList()).ToList();
    }

    /// <summary>Gaussian elimination mod p; returns independent rows spanning the same space.</summary>
    private static List<ulong[]> RowBasis(List<ulong[]> input, int width)
    {
        var work = input.Select(r => (ulong[])r.Clone()).ToList();
        var basis = new List<ulong[]>();
        for (var col = 0; col < width && work.Count > 0; col++)
        {
            var pivot = work.FindIndex(r => r[col] != 0);
            if (pivot < 0)
            {
                continue;
            }

            var pivotRow = work[pivot];
            work.RemoveAt(pivot);
            var inverse = Power(pivotRow[col], P - 2);
            for (var c = col; c < width; c++)
            {
                pivotRow[c] = Multiply(pivotRow[c], inverse);
            }

            foreach (var row in work)
            {
                var factor = row[col];
                if (factor == 0)
                {
                    continue;
                }

                for (var c = col; c < width; c++)
                {
                    row[c] = Subtract(row[c], Multiply(factor, pivotRow[c]));
                }
            }

            basis.Add(pivotRow);
        }

        return basis;
    }

    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        size = Math.Min(size, n);
        var pick = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return pick;
            var i = size - 1;
            while (i >= 0 && pick[i] == n - size + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            pick[i]++;
            for (var j = i + 1; j < size; j++)
            {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }

    private static ulong Mod(Exact value)
    {
        var numerator = (ulong)(((value.Numerator % P) + P) % P);
        var denominator = (ulong)(value.Denominator % P);
        return Multiply(numerator, Power(denominator, P - 2));
    }

    private static ulong Multiply(ulong a, ulong b) => (ulong)((UInt128)a * b % P);

    private static ulong Subtract(ulong a, ulong b) => a >= b ? a - b : a + P - b;

    private static ulong Power(ulong value, ulong exponent)
    {
        var result = 1UL;
        for (value %= P; exponent > 0; exponent >>= 1)
        {
            if ((exponent & 1) == 1)
            {
                result = Multiply(result, value);
            }

            value = Multiply(value, value);
        }

        return result;
    }

    /// <summary>Self-check of the elimination on a tiny exact case (used by the reference tests).</summary>
    public static int RankOf(IReadOnlyList<Exact[]> matrix) =>
        RowBasis(matrix.Select(r => r.Select(Mod).ToArray()).ToList(), matrix.Count == 0 ? 0 : matrix[0].Length).Count;

    internal static BigInteger Prime => P;
}
