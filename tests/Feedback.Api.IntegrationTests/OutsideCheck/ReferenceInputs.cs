namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>What the reference needs to know about a closed cycle: its behaviors in order, its scale and k.</summary>
public sealed record RefCycle(string Id, string Name, IReadOnlyList<RefBehaviorDefinition> Behaviors, int ScaleMin, int ScaleMax, int K)
{
    public static readonly string[] Dimensions = ["leadership", "management"];

    /// <summary>A = the number of scale points.</summary>
    public int Points => ScaleMax - ScaleMin + 1;

    public IReadOnlyList<string> KeysOf(string dimension) =>
        Behaviors.Where(b => b.Dimension == dimension).Select(b => b.Key).ToList();
}

public sealed record RefBehaviorDefinition(string Key, string Dimension);

/// <summary>A sheet as it stood at close: a score or null (not observed) per behavior of its dimension, and a comment.</summary>
public sealed record RefSheet(IReadOnlyDictionary<string, int?> Scores, string? Comment);

/// <summary>One assignment of a subject and its final sheets (null = never submitted).</summary>
public sealed record RefRater(string RaterExternalId, string Relationship, RefSheet? Leadership, RefSheet? Management)
{
    public RefSheet? Sheet(string dimension) => dimension == "leadership" ? Leadership : Management;
}

/// <summary>A subject of a cycle with the org-chart facts as they stood at close.</summary>
public sealed record RefSubject(string ExternalId, string DisplayName, string? Department, bool IsManager, IReadOnlyList<RefRater> Raters);
