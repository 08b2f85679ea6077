namespace Feedback.Api.Features.Assignments;

/// <summary>The <c>Feedback:Assignments</c> section.</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Feedback:Assignments";

    /// <summary>
    /// The most assignments one generate call may create. One call is one transaction and one response holding every new
    /// rater token, so a whole large organization at once would hold locks and memory for long; more → 400 asking to
    /// pass <c>subjects</c> in batches.
    /// </summary>
    public int MaxNewPerGenerate { get; set; } = 20_000;

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<AssignmentOptions>() ?? new AssignmentOptions();
        if (options.MaxNewPerGenerate is < 1 or > 1_000_000)
        {
            yield return "Feedback__Assignments__MaxNewPerGenerate must be 1..1000000.";
        }
    }
}
