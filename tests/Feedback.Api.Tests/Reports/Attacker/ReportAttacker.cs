using System.Numerics;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Tests.Reports.Attacker;

/// <summary>A rule set under attack: the figures it shows for a subject's raters.</summary>
internal delegate PersonReportFigures ReportRulesUnderTest(ReportCycle cycle, IReadOnlyList<RaterInput> raters);

/// <summary>One individual score: rater (index into the subject's raters) and behavior.</summary>
internal sealed record ScoreCell(int Rater, CycleBehaviorRef Behavior);

/// <summary>
/// The shown means of a report as exact linear functions of the individual scores: row i, column j is the weight of
/// cell j in mean i (a dimension mean weighs rater r's score on b by 1/(n·m_r), a behavior mean by 1/n_b).
/// </summary>
internal sealed record LinearSystem(IReadOnlyList<string> Means, IReadOnlyList<double> Values, IReadOnlyList<ScoreCell> Cells, (BigInteger Num, BigInteger Den)[][] Rows)
{
    public double Evaluate(int mean, Func<ScoreCell, int> score)
    {
        var sum = 0.0;
        for (var j = 0; j < Cells.Count; j++)
        {
            sum += (double)Rows[mean][j].Num / (double)Rows[mean][j].Den * score(Cells[j]);
        }

        return sum;
    }
}

/// <summary>
/// An attacker who knows the structure of a subject's sheets (who rated, in which group, which behaviors each left
/// unscored) and reads every shown mean, and who solves them as a system of linear equations.
/// </summary>
internal static class ReportAttacker
{
    /// <summary>The means a report shows: others' and each shown group's leadership, management and gap, and each behavior.</summary>
    public static List<(string Name, double Value)> ShownMeans(PersonReportFigures report)
    {
        var means = new List<(string, double)>();
        void Add(string name, double? value)
        {
            if (value is double v)
            {
                means.Add((name, v));
            }
        }

        Add("others.leadership", report.Others?.Leadership?.Score);
        Add("others.management", report.Others?.Management?.Score);
        Add("others.gap", report.Others?.Gap?.Score);
        foreach (var g in report.Groups)
        {
            Add($"{g.Relationship}.leadership", g.Leadership?.Score);
            Add($"{g.Relationship}.management", g.Management?.Score);
            Add($"{g.Relationship}.gap", g.Gap?.Score);
        }

        foreach (var b in report.Behaviors)
        {
            Add($"behavior.{b.Key}", b.Score);
        }

        return means;
    }

    /// <summary>
    /// Derives each shown mean's weights the way an attacker probing the rules would: change one individual score by
    /// one point (keeping every null a null, so every show/hide decision stays the same) and read how each mean moves.
    /// Each weight is recovered as an exact rational, and the system is checked to reproduce every shown mean.
    /// To save time, one rater per structure (relationship and the behaviors scored on each sheet) is probed and the
    /// others of that structure get the same weights; <see cref="AssertReproduces"/> on freshly drawn scores then
    /// catches any rater the rules would treat differently.
    /// </summary>
    public static LinearSystem Derive(ReportRulesUnderTest rules, ReportCycle cycle, RaterInput[] raters)
    {
        var shown = ShownMeans(rules(cycle, raters));
        var names = shown.Select(m => m.Name).ToList();
        var cells = new List<ScoreCell>();
        var probe = new Dictionary<string, int>(StringComparer.Ordinal); // structure → the rater probed for it
        var probedAs = new List<int>();
        for (var r = 0; r < raters.Length; r++)
        {
            if (raters[r].Relationship == Relationship.Self)
            {
                continue; // the subject's own answers are shown as they are; the threat is to the others
            }

            var structure = Structure(cycle, raters[r]);
            var representative = probe.TryAdd(structure, r) ? r : probe[structure];
            foreach (var b in cycle.Behaviors.Where(b => ScoreOf(raters[r], b) is not null))
            {
                cells.Add(new ScoreCell(r, b));
                probedAs.Add(representative);
            }
        }

        var rows = names.Select(_ => new (BigInteger, BigInteger)[cells.Count]).ToArray();
        var weights = new Dictionary<(int, string), (BigInteger, BigInteger)[]>();
        for (var j = 0; j < cells.Count; j++)
        {
            var probeCell = cells[j] with { Rater = probedAs[j] };
            if (!weights.TryGetValue((probeCell.Rater, probeCell.Behavior.Key), out var column))
            {
                column = Probe(rules, cycle, raters, probeCell, shown);
                weights[(probeCell.Rater, probeCell.Behavior.Key)] = column;
            }

            for (var i = 0; i < names.Count; i++)
            {
                rows[i][j] = column[i];
            }
        }

        var system = new LinearSystem(names, shown.Select(m => m.Value).ToList(), cells, rows);
        AssertReproduces(system, shown, raters);
        return system;
    }

    /// <summary>Throws unless the system gives exactly these shown means for these scores.</summary>
    public static void AssertReproduces(LinearSystem system, IReadOnlyList<(string Name, double Value)> shown, RaterInput[] raters)
    {
        if (!shown.Select(m => m.Name).SequenceEqual(system.Means))
        {
            throw new InvalidOperationException("Other scores with the same structure show other figures: the rules depend on values.");
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var evaluated = system.Evaluate(i, c => ScoreOf(raters[c.Rater], c.Behavior)!.Value);
            if (Math.Abs(evaluated - shown[i].Value) > 1e-9)
            {
                throw new InvalidOperationException($"{shown[i].Name} is not the linear function of the scores derived for it ({evaluated} ≠ {shown[i].Value}).");
            }
        }
    }

    private static (BigInteger, BigInteger)[] Probe(
        ReportRulesUnderTest rules, ReportCycle cycle, RaterInput[] raters, ScoreCell cell, List<(string Name, double Value)> shown)
    {
        var score = ScoreOf(raters[cell.Rater], cell.Behavior)!.Value;
        var step = score < cycle.ScaleMax ? 1 : -1;
        var moved = ShownMeans(rules(cycle, WithScore(raters, cell, score + step)));
        if (!moved.Select(m => m.Name).SequenceEqual(shown.Select(m => m.Name)))
        {
            throw new InvalidOperationException("Changing a score changed which figures are shown: the rules depend on values, not only on structure.");
        }

        return moved.Select((m, i) => Rational((m.Value - shown[i].Value) / step)).ToArray();
    }

    /// <summary>What the rules may look at besides the values: the relationship and which behaviors each sheet scored.</summary>
    private static string Structure(ReportCycle cycle, RaterInput rater) =>
        rater.Relationship + "|" + string.Concat(cycle.Behaviors.Select(b =>
            rater.SheetOf(b.Dimension) is null ? "x" : ScoreOf(rater, b) is null ? "-" : "+"));

    /// <summary>
    /// The smallest set T of at most <paramref name="maxSize"/> raters such that some nonzero combination of the shown
    /// means depends on T's scores alone, or null when there is none. Exact: over GF(2^61 − 1), such a combination
    /// exists exactly when dropping T's columns lowers the rank of the system (some row-space vector lives on T only).
    /// </summary>
    public static IReadOnlyList<int>? FindIsolatedRaters(LinearSystem system, int maxSize)
    {
        var width = system.Cells.Count;
        var field = system.Rows.Select(row => row.Select(c => PrimeField.From(c.Num, c.Den)).ToArray()).ToArray();
        var basis = PrimeField.RowBasis(field, width);
        if (basis.Length == 0)
        {
            return null;
        }

        var columnsOf = Enumerable.Range(0, width)
            .Where(j => basis.Any(row => row[j] != 0))
            .GroupBy(j => system.Cells[j].Rater)
            .ToDictionary(g => g.Key, g => g.ToList());
        var rank = basis.Length;

        // Raters whose columns are identical, behavior by behavior, are interchangeable: the rank left after dropping
        // T depends only on how many of each such class T holds, so those counts are enumerated instead of the sets.
        var classes = columnsOf.Keys.Order()
            .GroupBy(r => string.Join(';', columnsOf[r].Select(j =>
                system.Cells[j].Behavior.Key + "=" + string.Join(',', basis.Select(row => row[j])))))
            .Select(g => g.ToList())
            .ToList();
        var sizes = classes.Select(c => c.Count).ToArray();

        for (var size = 1; size <= Math.Min(maxSize, columnsOf.Count); size++)
        {
            foreach (var counts in Counts(sizes, size))
            {
                var left = classes.SelectMany((c, i) => c.Skip(counts[i])).SelectMany(r => columnsOf[r]).ToList();
                if (PrimeField.Rank(basis, left) < rank)
                {
                    return classes.SelectMany((c, i) => c.Take(counts[i])).ToList();
                }
            }
        }

        return null;
    }

    /// <summary>Every vector c with 0 ≤ c[i] ≤ sizes[i] and Σ c = total.</summary>
    private static IEnumerable<int[]> Counts(int[] sizes, int total)
    {
        var counts = new int[sizes.Length];
        return From(0, total);

        IEnumerable<int[]> From(int i, int left)
        {
            if (i == sizes.Length)
            {
                if (left == 0)
                {
                    yield return (int[])counts.Clone();
                }

                yield break;
            }

            for (var c = Math.Min(sizes[i], left); c >= 0; c--)
            {
                counts[i] = c;
                foreach (var found in From(i + 1, left - c))
                {
                    yield return found;
                }
            }

            counts[i] = 0;
        }
    }

    /// <summary>The exact rational a double difference stands for (denominators here are at most a few hundred).</summary>
    private static (BigInteger, BigInteger) Rational(double x)
    {
        const long maxDenominator = 100_000;
        // Continued fraction convergents h/k until k would pass the bound or the approximation is exact enough.
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        var value = x;
        for (var i = 0; i < 64; i++)
        {
            var a = (long)Math.Floor(value);
            var h2 = a * h1 + h0;
            var k2 = a * k1 + k0;
            if (k2 > maxDenominator)
            {
                break;
            }

            (h0, h1, k0, k1) = (h1, h2, k1, k2);
            if (Math.Abs(x - (double)h1 / k1) < 1e-11)
            {
                return (h1, k1);
            }

            var fraction = value - a;
            if (fraction < 1e-12)
            {
                break;
            }

            value = 1 / fraction;
        }

        if (k1 != 0 && Math.Abs(x - (double)h1 / k1) < 1e-11)
        {
            return (h1, k1);
        }

        throw new InvalidOperationException($"{x} is not a weight with a small denominator: the shown mean is not the linear function assumed.");
    }

    public static int? ScoreOf(RaterInput rater, CycleBehaviorRef behavior) =>
        rater.SheetOf(behavior.Dimension) is { } sheet && sheet.TryGetValue(behavior.Key, out var score) ? score : null;

    private static RaterInput[] WithScore(RaterInput[] raters, ScoreCell cell, int score)
    {
        var copy = (RaterInput[])raters.Clone();
        var rater = raters[cell.Rater];
        var sheet = new Dictionary<string, int?>(rater.SheetOf(cell.Behavior.Dimension)!) { [cell.Behavior.Key] = score };
        copy[cell.Rater] = cell.Behavior.Dimension == Dimension.Leadership ? rater with { Leadership = sheet } : rater with { Management = sheet };
        return copy;
    }
}
