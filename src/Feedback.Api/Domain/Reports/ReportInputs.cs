namespace Feedback.Api.Domain.Reports;

/// <summary>A behavior the cycle asks about, with its frozen dimension.</summary>
public sealed record CycleBehaviorRef(string Key, Dimension Dimension);

/// <summary>What the math needs to know about a cycle. <see cref="Behaviors"/> are in the cycle's order.</summary>
public sealed record ReportCycle(int ScaleMin, int ScaleMax, int AnonymityThreshold, IReadOnlyList<CycleBehaviorRef> Behaviors)
{
    /// <summary>A = the number of points on the scale.</summary>
    public int ScalePoints => ScaleMax - ScaleMin + 1;

    /// <summary>The cycle's behavior keys of one dimension, in cycle order (m = their count).</summary>
    public IReadOnlyList<string> KeysOf(Dimension dimension) =>
        Behaviors.Where(b => b.Dimension == dimension).Select(b => b.Key).ToList();
}

/// <summary>
/// One assignment of the subject as it stood at close. A null dictionary = that sheet was never submitted;
/// values are the score or null (not observed).
/// </summary>
public sealed record RaterInput(
    Relationship Relationship,
    IReadOnlyDictionary<string, int?>? Leadership,
    IReadOnlyDictionary<string, int?>? Management,
    string? LeadershipComment = null,
    string? ManagementComment = null)
{
    public IReadOnlyDictionary<string, int?>? SheetOf(Dimension dimension) =>
        dimension == Dimension.Leadership ? Leadership : Management;

    public string? CommentOf(Dimension dimension) =>
        dimension == Dimension.Leadership ? LeadershipComment : ManagementComment;
}
