namespace Feedback.Api.Common;

public static class Ids
{
    /// <summary>Time-ordered UUIDs (v7): index-friendly and sortable by creation.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
