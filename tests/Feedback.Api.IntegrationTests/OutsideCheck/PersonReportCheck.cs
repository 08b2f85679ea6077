namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>Every field of a person report (API.md "Person report") against the reference.</summary>
public static class PersonReportCheck
{
    public static void Compare(Differences d, RefPersonReport expected, JsonElement actual)
    {
        var cycle = expected.Cycle;
        var at = $"cycle {cycle.Name} (k={cycle.K}, {cycle.ScaleMin}..{cycle.ScaleMax}), subject {expected.Subject.ExternalId}";
        d.Text(at, "cycleId", actual, cycle.Id);
        d.Integer(at, "anonymityThreshold", actual, cycle.K);
        d.Integer(at, "scaleMin", actual, cycle.ScaleMin);
        d.Integer(at, "scaleMax", actual, cycle.ScaleMax);

        if (d.ObjectOrNull(at, "subject", actual, true) is { } subject)
        {
            d.Text(at, "subject.externalId", subject, expected.Subject.ExternalId);
            d.Text(at, "subject.displayName", subject, expected.Subject.DisplayName);
            d.Text(at, "subject.department", subject, expected.Subject.Department);
            d.Boolean(at, "subject.isManager", subject, expected.Subject.IsManager);
        }

        if (d.ObjectOrNull(at, "responders", actual, true) is { } responders)
        {
            foreach (var (key, count) in expected.Responders)
            {
                d.Integer(at, $"responders.{key}", responders, count);
            }
        }

        d.Boolean(at, "suppressed", actual, expected.Suppressed);
        if (d.ObjectOrNull(at, "others", actual, !expected.Suppressed) is { } others)
        {
            Dimension(d, at, "others.leadership", others, expected.OthersLeadership);
            Dimension(d, at, "others.management", others, expected.OthersManagement);
            Gap(d, at, "others.gap", others, expected.OthersGap);
        }

        if (d.ObjectOrNull(at, "self", actual, true) is { } self)
        {
            d.Number(at, "self.leadership", self, expected.Self.Leadership);
            d.Number(at, "self.management", self, expected.Self.Management);
            d.Number(at, "self.gap", self, expected.Self.Gap);
        }

        if (d.ObjectOrNull(at, "selfVsOthers", actual, expected.SelfVsOthers is not null) is { } versus)
        {
            d.Number(at, "selfVsOthers.leadership", versus, expected.SelfVsOthers!.Leadership);
            d.Number(at, "selfVsOthers.management", versus, expected.SelfVsOthers.Management);
            d.Number(at, "selfVsOthers.gap", versus, expected.SelfVsOthers.Gap);
        }

        Groups(d, at, expected, actual);
        Behaviors(d, at, expected, actual);

        if (d.Property(at, actual, "behaviorsHidden") is { } hidden)
        {
            var shown = hidden.ValueKind == JsonValueKind.Array ? hidden.EnumerateArray().Select(h => h.GetString()).Order().ToList() : null;
            if (shown is null || !shown.SequenceEqual(expected.BehaviorsHidden.Order()))
            {
                d.Add(at, "behaviorsHidden", $"[{string.Join(", ", expected.BehaviorsHidden)}]", hidden.GetRawText());
            }
        }

        d.Text(at, "quadrant", actual, expected.Quadrant);
        if (d.ObjectOrNull(at, "comments", actual, !expected.Suppressed) is { } comments)
        {
            Comments(d, at, "comments.leadership", comments, "leadership", expected.LeadershipComments!);
            Comments(d, at, "comments.management", comments, "management", expected.ManagementComments!);
        }
    }

    /// <summary><c>{score, n, sd, ci95, agreement}</c>, or null when hidden.</summary>
    public static void Dimension(Differences d, string at, string path, JsonElement parent, RefStat? expected)
    {
        if (d.ObjectOrNull(at, path, parent, expected is not null) is not { } stat)
        {
            return;
        }

        d.Number(at, $"{path}.score", stat, expected!.Score);
        d.Integer(at, $"{path}.n", stat, expected.N);
        d.Number(at, $"{path}.sd", stat, expected.Sd);
        Ci95(d, at, path, stat, expected.Ci95);
        d.Number(at, $"{path}.agreement", stat, expected.Agreement);
    }

    /// <summary><c>{score, n, sd, ci95, significant}</c>, or null when hidden. The gap report's items leave out sd.</summary>
    public static void Gap(Differences d, string at, string path, JsonElement parent, RefStat? expected, bool withSd = true)
    {
        if (d.ObjectOrNull(at, path, parent, expected is not null) is not { } stat)
        {
            return;
        }

        d.Number(at, $"{path}.score", stat, expected!.Score);
        d.Integer(at, $"{path}.n", stat, expected.N);
        if (withSd || stat.TryGetProperty("sd", out _))
        {
            d.Number(at, $"{path}.sd", stat, expected.Sd);
        }

        Ci95(d, at, path, stat, expected.Ci95);
        if (!expected.SignificanceIsBorderline)
        {
            d.Boolean(at, $"{path}.significant", stat, expected.Significant);
        }
    }

    private static void Ci95(Differences d, string at, string path, JsonElement stat, double[]? expected)
    {
        if (d.Property(at, stat, "ci95") is not { } ci)
        {
            return;
        }

        var ok = expected is null
            ? ci.ValueKind == JsonValueKind.Null
            : ci.ValueKind == JsonValueKind.Array && ci.GetArrayLength() == 2
              && ci[0].ValueKind == JsonValueKind.Number && Differences.Close(expected[0], ci[0].GetDouble())
              && ci[1].ValueKind == JsonValueKind.Number && Differences.Close(expected[1], ci[1].GetDouble());
        if (!ok)
        {
            d.Add(at, $"{path}.ci95", expected is null ? null : $"[{expected[0]:R}, {expected[1]:R}]", ci.GetRawText());
        }
    }

    private static void Groups(Differences d, string at, RefPersonReport expected, JsonElement actual)
    {
        if (d.Property(at, actual, "groups") is not { } groups || groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() != 4)
        {
            d.Note(at, "groups is not an array of the four non-self relationships");
            return;
        }

        for (var i = 0; i < 4; i++)
        {
            var g = expected.Groups[i];
            var path = $"groups[{i}]";
            d.Text(at, $"{path}.relationship", groups[i], g.Relationship);
            d.Integer(at, $"{path}.responders", groups[i], g.Responders);
            d.Boolean(at, $"{path}.suppressed", groups[i], g.Suppressed);
            Dimension(d, at, $"{path}({g.Relationship}).leadership", groups[i], g.Leadership);
            Dimension(d, at, $"{path}({g.Relationship}).management", groups[i], g.Management);
            Gap(d, at, $"{path}({g.Relationship}).gap", groups[i], g.Gap);
        }
    }

    private static void Behaviors(Differences d, string at, RefPersonReport expected, JsonElement actual)
    {
        if (d.Property(at, actual, "behaviors") is not { } behaviors || behaviors.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var keys = behaviors.EnumerateArray().Select(b => b.TryGetProperty("key", out var key) ? key.GetString() : null).ToList();
        if (!keys.SequenceEqual(expected.Behaviors.Select(b => b.Key)))
        {
            d.Add(at, "behaviors[].key (the cycle's order)", string.Join(",", expected.Behaviors.Select(b => b.Key)), string.Join(",", keys));
            return;
        }

        for (var i = 0; i < expected.Behaviors.Count; i++)
        {
            var b = expected.Behaviors[i];
            var shown = behaviors[i];
            var path = $"behaviors[{b.Key}]";
            d.Text(at, $"{path}.dimension", shown, b.Dimension);
            d.Number(at, $"{path}.score", shown, b.Score);
            d.Integer(at, $"{path}.n", shown, b.N);
            d.Number(at, $"{path}.sd", shown, b.Sd);
            d.Integer(at, $"{path}.self", shown, b.Self);
            if (d.ObjectOrNull(at, $"{path}.distribution", shown, b.Distribution is not null) is { } distribution)
            {
                var actualCounts = distribution.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : -1);
                if (!actualCounts.OrderBy(p => p.Key).SequenceEqual(b.Distribution!.OrderBy(p => p.Key)))
                {
                    d.Add(at, $"{path}.distribution", string.Join(" ", b.Distribution!.Select(p => $"{p.Key}:{p.Value}")), distribution.GetRawText());
                }
            }
        }
    }

    private static void Comments(Differences d, string at, string path, JsonElement comments, string field, IReadOnlyList<string> expected)
    {
        if (d.Property(at, comments, field) is not { } list || list.ValueKind != JsonValueKind.Array)
        {
            d.Add(at, path, "an array", "not an array");
            return;
        }

        // A set (multiset), not an order: the order is a keyed hash's, on purpose.
        var shown = list.EnumerateArray().Select(c => c.GetString() ?? "<null>").Order(StringComparer.Ordinal).ToList();
        if (!shown.SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            d.Add(at, path, $"{{{string.Join(" | ", expected.Order(StringComparer.Ordinal))}}}", $"{{{string.Join(" | ", shown)}}}");
        }
    }
}
