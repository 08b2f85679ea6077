namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>One PUT of a sheet: the scores and comment sent, and whether the body left the comment out.</summary>
public sealed record PlannedSubmission(string Dimension, RefSheet Sheet, bool OmitComment);

/// <summary>
/// Random sheets with the shapes the rules care about: complete ones, ones that skip the behavior many raters of the
/// subject skip (so pieces of k form), random skips, sheets below ceil(m/2), one-sheet raters, silent raters,
/// resubmissions (the last one counts), blank comments and comments left out of a resubmission.
/// </summary>
public sealed class SheetPlanner(ScenarioRandom rng, RefCycle cycle)
{
    private static readonly string[] Phrases =
    [
        "Listens before deciding.", "Clear priorities every week.", "Could delegate more.", "Très bien — \"solid\", really.",
        "Keeps the team calm under pressure.", "Meetings run long.", "Explains the why.", "Plans resources well, a line\nbreak here.",
        "Great mentor.", "Great mentor.", "Should trust the team more.", "Workflows are predictable.",
    ];

    /// <summary>What one subject's raters tend to do (shared, so pieces of k raters form).</summary>
    public sealed record SubjectTendency(double Leadership, double Management, Dictionary<string, string?> PopularSkip, (int L, int M)? Unanimous, (double Complete, double Popular, double Random) Patterns);

    public SubjectTendency TendencyFor()
    {
        var center = (cycle.ScaleMin + cycle.ScaleMax) / 2.0;
        var leadership = rng.Normal(center, 0.18 * cycle.Points);
        var management = rng.Normal(leadership, 0.2 * cycle.Points);
        var skips = RefCycle.Dimensions.ToDictionary(d => d, d => cycle.KeysOf(d).Count >= 2 ? rng.Pick(cycle.KeysOf(d)) : null);
        (int, int)? unanimous = rng.Chance(0.05)
            ? (rng.Int(cycle.ScaleMin, cycle.ScaleMax), rng.Chance(0.3) ? -1 : rng.Int(cycle.ScaleMin, cycle.ScaleMax))
            : null;
        if (unanimous is { } u && u.Item2 == -1)
        {
            unanimous = (u.Item1, u.Item1); // gap exactly 0 with sd 0: ci95 [0, 0], not significant
        }

        // Raters of one subject skip alike: nearly all complete, complete or the popular skip, or a mix with random skips.
        var patterns = rng.Weighted((0.35, (0.95, 0.0, 0.05)), (0.35, (0.55, 0.45, 0.0)), (0.3, (0.6, 0.25, 0.15)));
        return new SubjectTendency(leadership, management, skips, unanimous, patterns);
    }

    /// <summary>The PUTs one rater makes, in order (empty: the rater never answers).</summary>
    public List<PlannedSubmission> SubmissionsFor(SubjectTendency tendency)
    {
        var bias = rng.Normal(0, 0.08 * cycle.Points);
        var kind = rng.Weighted((0.10, "silent"), (0.07, "one"), (0.05, "oneInvalid"), (0.03, "bothInvalid"), (0.75, "both"));
        var final = new List<PlannedSubmission>();
        switch (kind)
        {
            case "silent":
                return [];
            case "one":
                final.Add(Sheet(rng.Pick(RefCycle.Dimensions), tendency, bias, ValidPattern));
                break;
            case "oneInvalid":
                var valid = rng.Pick(RefCycle.Dimensions);
                final.Add(Sheet(valid, tendency, bias, ValidPattern));
                final.Add(Sheet(valid == "leadership" ? "management" : "leadership", tendency, bias, InvalidPattern));
                break;
            case "bothInvalid":
                final.AddRange(RefCycle.Dimensions.Select(d => Sheet(d, tendency, bias, InvalidPattern)));
                break;
            default:
                final.AddRange(RefCycle.Dimensions.Select(d => Sheet(d, tendency, bias, ValidPattern)));
                break;
        }

        var submissions = new List<PlannedSubmission>();
        foreach (var sheet in rng.Shuffle(final))
        {
            if (rng.Chance(0.12))
            {
                // An earlier answer the rater replaced before the close (any shape, even invalid).
                submissions.Add(Sheet(sheet.Dimension, tendency, bias, rng.Chance(0.3) ? InvalidPattern : ValidPattern));
                if (rng.Chance(0.3))
                {
                    // The final PUT leaves the comment out: a resubmission replaces the whole sheet, so it is null.
                    submissions.Add(sheet with { Sheet = sheet.Sheet with { Comment = null }, OmitComment = true });
                    continue;
                }
            }

            submissions.Add(sheet);
        }

        return submissions;
    }

    private PlannedSubmission Sheet(string dimension, SubjectTendency tendency, double bias, Func<string, SubjectTendency, HashSet<string>> pattern)
    {
        var scored = pattern(dimension, tendency);
        var level = dimension == "leadership" ? tendency.Leadership : tendency.Management;
        var unanimous = tendency.Unanimous is { } u ? (dimension == "leadership" ? u.L : u.M) : (int?)null;
        var scores = cycle.KeysOf(dimension).ToDictionary(
            key => key,
            key => scored.Contains(key) ? unanimous ?? Clamp((int)Math.Round(rng.Normal(level + bias, 0.12 * cycle.Points))) : (int?)null);
        var comment = rng.Weighted<string?>((0.45, null), (0.08, ""), (0.07, "  \t"), (0.40, rng.Pick(Phrases)));
        return new PlannedSubmission(dimension, new RefSheet(scores, comment), false);
    }

    private int Clamp(int score) => Math.Clamp(score, cycle.ScaleMin, cycle.ScaleMax);

    /// <summary>At least ceil(m/2) scored: mostly complete, often skipping the subject's popular behavior, sometimes random.</summary>
    private HashSet<string> ValidPattern(string dimension, SubjectTendency tendency)
    {
        var keys = cycle.KeysOf(dimension);
        var needed = (keys.Count + 1) / 2;
        var (complete, popular, random) = tendency.Patterns;
        return rng.Weighted((complete, "complete"), (popular, "popular"), (random, "random")) switch
        {
            "popular" when tendency.PopularSkip[dimension] is { } skip => keys.Where(k => k != skip).ToHashSet(),
            "random" => rng.Shuffle(keys).Take(rng.Int(needed, keys.Count)).ToHashSet(),
            _ => keys.ToHashSet(),
        };
    }

    /// <summary>Fewer than ceil(m/2) scored (all null included): the sheet is not valid.</summary>
    private HashSet<string> InvalidPattern(string dimension, SubjectTendency tendency)
    {
        var keys = cycle.KeysOf(dimension);
        var needed = (keys.Count + 1) / 2;
        return rng.Shuffle(keys).Take(rng.Int(0, needed - 1)).ToHashSet();
    }
}
