namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// What an attacker writes down from one fetched person report: each shown figure as a linear equation in the raters'
/// individual answers. The attacker is given the worst case: who rated the subject in which relationship, which of
/// them answered validly (counted) and which behaviors each left unscored — everything but the scores. Then:
/// <list type="bullet">
/// <item>a shown mean over raters S of dimension d is Σ_{r∈S} Σ_{b scored by r} x[r,b] / (|S|·m_r);</item>
/// <item>a shown behavior mean is Σ_{r∈R_b} x[r,b] / |R_b|;</item>
/// <item>a shown sd adds, with its mean, the sum of squares over the same raters (new unknowns s(r,d)², g(r)², x[r,b]²);</item>
/// <item>a shown distribution adds, per scale point, the count of R_b's raters on it (unknowns [x[r,b] = v]).</item>
/// </list>
/// Which raters a behavior figure covers is not printed in the report: the attacker takes the reference's set when it
/// reproduces the shown n and distribution exactly, and otherwise every set of counted raters that does (all of them
/// as equations at once, which can only make the attacker stronger).
/// A rater who also knows their own answers needs no separate check: their unknowns become constants, so what they
/// learn is a combination supported on them plus others; since every nonzero combination needs at least k raters,
/// at least k − 1 ≥ 2 of those are others whose answers stay mixed.
/// </summary>
public static class AttackerView
{
    public static List<string> Violations(RefPersonReport reference, JsonElement shown)
    {
        var at = $"cycle {reference.Cycle.Name} (k={reference.Cycle.K}), subject {reference.Subject.ExternalId}";
        var problems = new List<string>();
        if (shown.GetProperty("suppressed").GetBoolean() || reference.Suppressed)
        {
            problems.AddRange(ShownWhileSuppressed(shown).Select(p => $"{at}: suppressed report shows {p}"));
            return problems;
        }

        var system = new FigureSystem();
        var counted = reference.Counted;
        var others = shown.GetProperty("others");
        AddGroupRows(system, problems, at, "others", others, counted, reference.Cycle);
        foreach (var group in shown.GetProperty("groups").EnumerateArray())
        {
            var relationship = group.GetProperty("relationship").GetString()!;
            AddGroupRows(system, problems, at, relationship, group, counted.Where(c => c.Relationship == relationship).ToList(), reference.Cycle);
        }

        foreach (var behavior in shown.GetProperty("behaviors").EnumerateArray())
        {
            AddBehaviorRows(system, problems, at, behavior, reference);
        }

        problems.AddRange(system.Violations(reference.Cycle.K).Select(v => $"{at}: {v}"));
        return problems;
    }

    private static IEnumerable<string> ShownWhileSuppressed(JsonElement shown)
    {
        foreach (var field in new[] { "others", "selfVsOthers", "quadrant", "comments" })
        {
            if (shown.GetProperty(field).ValueKind != JsonValueKind.Null)
            {
                yield return field;
            }
        }

        foreach (var group in shown.GetProperty("groups").EnumerateArray())
        {
            foreach (var field in new[] { "leadership", "management", "gap" })
            {
                if (group.GetProperty(field).ValueKind != JsonValueKind.Null)
                {
                    yield return $"groups[{group.GetProperty("relationship").GetString()}].{field}";
                }
            }
        }

        foreach (var behavior in shown.GetProperty("behaviors").EnumerateArray())
        {
            foreach (var field in new[] { "score", "n", "sd", "distribution" })
            {
                if (behavior.GetProperty(field).ValueKind != JsonValueKind.Null)
                {
                    yield return $"behaviors[{behavior.GetProperty("key").GetString()}].{field}";
                }
            }
        }
    }

    /// <summary>Rows for a set's leadership, management and gap statistics, if shown.</summary>
    private static void AddGroupRows(FigureSystem system, List<string> problems, string at, string name, JsonElement figures, IReadOnlyList<RefCountedRater> raters, RefCycle cycle)
    {
        foreach (var dimension in new[] { "leadership", "management", "gap" })
        {
            var stat = figures.GetProperty(dimension);
            if (stat.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (stat.GetProperty("n").GetInt32() != raters.Count)
            {
                problems.Add($"{at}: {name}.{dimension} shows n = {stat.GetProperty("n")}, but the attacker knows {raters.Count} counted raters there: it is over raters nobody can name");
                continue;
            }

            var terms = dimension == "gap"
                ? MeanTerms(raters, "leadership", cycle, 1).Concat(MeanTerms(raters, "management", cycle, -1))
                : MeanTerms(raters, dimension, cycle, 1);
            system.Add($"{name}.{dimension}.score", terms);
            if (stat.GetProperty("sd").ValueKind != JsonValueKind.Null)
            {
                system.Add($"{name}.{dimension}.sd", raters.Select(r => (new Unknown(r.Id, $"square of s({dimension})"), (Exact)1)));
            }
        }
    }

    /// <summary>mean over S of s(r, d) = Σ_r Σ_{b scored} x[r,b] / (|S|·m_r), times <paramref name="sign"/>.</summary>
    private static IEnumerable<(Unknown, Exact)> MeanTerms(IReadOnlyList<RefCountedRater> raters, string dimension, RefCycle cycle, int sign)
    {
        foreach (var r in raters)
        {
            var scored = cycle.KeysOf(dimension).Where(k => r.Rater.Sheet(dimension)!.Scores[k] is not null).ToList();
            foreach (var key in scored)
            {
                yield return (new Unknown(r.Id, key), new Exact(sign, raters.Count * scored.Count));
            }
        }
    }

    private static void AddBehaviorRows(FigureSystem system, List<string> problems, string at, JsonElement behavior, RefPersonReport reference)
    {
        if (behavior.GetProperty("score").ValueKind == JsonValueKind.Null && behavior.GetProperty("distribution").ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var key = behavior.GetProperty("key").GetString()!;
        var dimension = behavior.GetProperty("dimension").GetString()!;
        var n = behavior.GetProperty("n").GetInt32();
        var distribution = behavior.GetProperty("distribution").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetInt32());
        int Score(RefCountedRater r) => r.Rater.Sheet(dimension)!.Scores[key]!.Value;
        bool Explains(IReadOnlyList<RefCountedRater> set) =>
            set.Count == n && distribution.All(p => set.Count(r => Score(r) == p.Key) == p.Value);

        var hypothesis = reference.Behaviors.Single(b => b.Key == key).Raters;
        var sets = new List<IReadOnlyList<RefCountedRater>>();
        if (Explains(hypothesis))
        {
            sets.Add(hypothesis);
        }
        else
        {
            var scoring = reference.Counted.Where(r => r.Rater.Sheet(dimension)!.Scores[key] is not null).ToList();
            sets.AddRange(Combinations(scoring, n).Where(Explains));
            if (sets.Count == 0)
            {
                problems.Add($"{at}: behaviors[{key}] (n = {n}) matches no set of counted raters' scores: it is over raters nobody can name");
                return;
            }
        }

        foreach (var set in sets)
        {
            system.Add($"behaviors[{key}].score", set.Select(r => (new Unknown(r.Id, key), new Exact(1, set.Count))));
            if (behavior.GetProperty("sd").ValueKind != JsonValueKind.Null)
            {
                system.Add($"behaviors[{key}].sd", set.Select(r => (new Unknown(r.Id, $"square of {key}"), (Exact)1)));
            }

            foreach (var point in distribution.Keys)
            {
                system.Add($"behaviors[{key}].distribution[{point}]", set.Select(r => (new Unknown(r.Id, $"{key} = {point}"), (Exact)1)));
            }
        }
    }

    private static IEnumerable<IReadOnlyList<T>> Combinations<T>(IReadOnlyList<T> items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i <= items.Count - size; i++)
        {
            foreach (var rest in Combinations(items.Skip(i + 1).ToList(), size - 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
