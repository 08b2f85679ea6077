// TEMPORARY: the public API promised by branch `math`, so this branch compiles until it lands. Deleted on merge.
namespace Feedback.Api.Domain.Reports;

public sealed record CycleBehaviorRef(string Key, Dimension Dimension);
public sealed record ReportCycle(int ScaleMin, int ScaleMax, int AnonymityThreshold, IReadOnlyList<CycleBehaviorRef> Behaviors);
public sealed record RaterInput(Relationship Relationship, IReadOnlyDictionary<string, int?>? Leadership, IReadOnlyDictionary<string, int?>? Management, string? LeadershipComment = null, string? ManagementComment = null);
public sealed record ResponderCounts(int Self, int Manager, int Peer, int DirectReport, int Other, int Others);
public sealed record DimensionStatistics(double Score, int N, double? Sd, double[]? Ci95, double? Agreement);
public sealed record GapStatistics(double Score, int N, double? Sd, double[]? Ci95, bool Significant);
public sealed record OthersFigures(DimensionStatistics? Leadership, DimensionStatistics? Management, GapStatistics? Gap);
public sealed record SelfFigures(double? Leadership, double? Management, double? Gap);
public sealed record SelfVsOthersFigures(double? Leadership, double? Management, double? Gap);
public sealed record GroupFigures(Relationship Relationship, int Responders, bool Suppressed, DimensionStatistics? Leadership, DimensionStatistics? Management, GapStatistics? Gap);
public sealed record BehaviorFigures(string Key, Dimension Dimension, double? Score, int? N, double? Sd, IReadOnlyDictionary<string, int>? Distribution, int? Self);
public sealed record ReportComments(IReadOnlyList<string> Leadership, IReadOnlyList<string> Management);

public sealed record PersonReportFigures(ResponderCounts Responders, bool Suppressed, OthersFigures? Others, SelfFigures Self, SelfVsOthersFigures? SelfVsOthers, IReadOnlyList<GroupFigures> Groups, IReadOnlyList<BehaviorFigures> Behaviors, ReportComments? Comments)
{
    public bool Reportable => !Suppressed && Others?.Leadership is not null && Others.Management is not null;
}

public static class PersonReportCalculator
{
    public static PersonReportFigures Compute(ReportCycle cycle, IReadOnlyList<RaterInput> raters, ReadOnlySpan<byte> commentOrderKey) =>
        throw new NotImplementedException();
}

public enum Quadrant { LeaderAndManager, LeaderOnly, ManagerOnly, Developing }

public static class Quadrants
{
    public static double? Median(IReadOnlyList<double> values) => throw new NotImplementedException();
    public static Quadrant Classify(double leadership, double management, double medianLeadership, double medianManagement) => throw new NotImplementedException();
}

public static class SeedGroups
{
    public static bool IsManagerWhoIsntLeader(bool isManager, Quadrant q) => throw new NotImplementedException();
    public static bool IsLeaderWhoIsntManager(bool isManager, Quadrant q) => throw new NotImplementedException();
}
