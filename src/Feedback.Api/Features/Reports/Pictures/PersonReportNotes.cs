using Feedback.Api.Domain;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>Why figures are missing from a person report, in words, for the chart and the page.</summary>
internal static class PersonReportNotes
{
    public static List<string> Hidden(PersonReport report)
    {
        var k = report.AnonymityThreshold;
        if (report.Suppressed)
        {
            var self = report.Self.Leadership is not null || report.Self.Management is not null;
            return [$"Others' figures are hidden: fewer than k = {k} raters responded, too few to keep each one anonymous.",
                self ? "Only the self scores are drawn." : "There is no self assessment to draw either."];
        }

        var notes = new List<string>();
        foreach (var dimension in report.BehaviorsHidden)
        {
            notes.Add($"The {dimension.ToString().ToLowerInvariant()} behaviors are hidden: too few raters (fewer than k = {k}) "
                + "skipped the same ones to show them without singling someone out.");
        }

        if (report.Others?.Leadership is null || report.Others?.Management is null)
        {
            notes.Add($"A dimension mean is hidden: fewer than k = {k} raters gave it a valid score.");
        }

        return notes;
    }
}
