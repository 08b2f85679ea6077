using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>
/// A person report as a printable one-page HTML document: no script, no external asset (the chart is inline SVG, the
/// style inline), the same figures as the JSON and nothing it hides. Every name, label and comment is HTML-encoded.
/// </summary>
internal static class PersonReportPage
{
    public static string Render(PersonReport report, ReportLabels labels)
    {
        var (svg, _) = PersonReportChart.Render(report, labels.BehaviorNames);
        var s = report.Subject;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(s.DisplayName)).Append(" — ").Append(E(labels.CycleName)).Append(" — feedback report</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header>\n<h1>").Append(E(s.DisplayName)).Append("</h1>\n<p class=\"meta\">")
            .Append(E(labels.CycleName)).Append(" · closed ").Append(labels.ClosedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
            .Append(s.Department is null ? "" : " · " + E(s.Department))
            .Append(s.IsManager ? " · manager" : "")
            .Append(" · ").Append(report.Responders.Others).Append(" raters besides self")
            .Append(" · anonymity threshold k = ").Append(report.AnonymityThreshold)
            .Append(" · scale ").Append(report.ScaleMin).Append('–').Append(report.ScaleMax).Append("</p>\n</header>\n");

        Summary(html, report);
        html.Append("<section>\n<h2>By behavior</h2>\n")
            .Append(ChartStyle.InlineSvg(svg, $"Chart of {s.DisplayName}'s scores by behavior")).Append('\n');
        Behaviors(html, report, labels);
        html.Append("</section>\n");
        Groups(html, report);
        Comments(html, report);

        var notes = PersonReportNotes.Hidden(report);
        html.Append("<footer>\n");
        foreach (var note in notes)
        {
            html.Append("<p>").Append(E(note)).Append("</p>\n");
        }

        html.Append("<p>Numbers are rounded for display. Intervals are 95 % Student-t intervals over the raters; a gap is "
            + "significant when its interval excludes 0. No figure here is computed from fewer than k raters.</p>\n")
            .Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, PersonReport r)
    {
        html.Append("<section>\n<h2>Leadership, management and the gap</h2>\n");
        if (r.Others is null)
        {
            html.Append("<p class=\"hidden\">Others' figures are hidden: fewer than k = ").Append(r.AnonymityThreshold)
                .Append(" raters responded.</p>\n");
        }

        html.Append("<table>\n<thead><tr><td></td><th scope=\"col\">Others</th><th scope=\"col\">95 % interval</th>"
            + "<th scope=\"col\">n</th><th scope=\"col\">sd</th><th scope=\"col\">Agreement</th><th scope=\"col\">Self</th>"
            + "<th scope=\"col\">Self − others</th></tr></thead>\n<tbody>\n");
        DimensionRow(html, "Leadership", r.Others?.Leadership, r.Self.Leadership, r.SelfVsOthers?.Leadership);
        DimensionRow(html, "Management", r.Others?.Management, r.Self.Management, r.SelfVsOthers?.Management);
        var gap = r.Others?.Gap;
        html.Append("<tr><th scope=\"row\">Gap (leadership − management)</th>")
            .Append(Cell(gap?.Score, signed: true)).Append(Interval(gap?.Ci95)).Append(Cell(gap?.N)).Append(Cell(gap?.Sd))
            .Append("<td>").Append(gap is null ? "—" : gap.Significant ? "significant" : "not significant").Append("</td>")
            .Append(Cell(r.Self.Gap, signed: true)).Append(Cell(r.SelfVsOthers?.Gap, signed: true)).Append("</tr>\n");
        html.Append("</tbody>\n</table>\n");

        if (gap is not null)
        {
            var direction = gap.Score > 0 ? "leading more than managing" : gap.Score < 0 ? "managing more than leading" : "balanced";
            html.Append("<p class=\"headline\">Seen as <strong>").Append(direction).Append("</strong>: gap ")
                .Append(Number(gap.Score, signed: true)).Append(gap.Significant
                    ? ", and the interval excludes 0, so the raters agree it is real."
                    : ", but the interval includes 0: it may be noise.").Append("</p>\n");
        }

        if (r.Quadrant is { } quadrant)
        {
            html.Append("<p>Quadrant in this cycle: <strong>").Append(QuadrantName(quadrant))
                .Append("</strong> (against the medians of every reportable colleague).</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void DimensionRow(StringBuilder html, string name, DimensionStatistics? d, double? self, double? vs) =>
        html.Append("<tr><th scope=\"row\">").Append(name).Append("</th>")
            .Append(Cell(d?.Score)).Append(Interval(d?.Ci95)).Append(Cell(d?.N)).Append(Cell(d?.Sd)).Append(Cell(d?.Agreement))
            .Append(Cell(self)).Append(Cell(vs, signed: true)).Append("</tr>\n");

    private static void Behaviors(StringBuilder html, PersonReport r, ReportLabels labels)
    {
        html.Append("<table class=\"behaviors\">\n<thead><tr><th scope=\"col\">Behavior</th><th scope=\"col\">Dimension</th>"
            + "<th scope=\"col\">Others</th><th scope=\"col\">n</th><th scope=\"col\">sd</th><th scope=\"col\">Self</th></tr></thead>\n<tbody>\n");
        foreach (var b in r.Behaviors)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(labels.BehaviorNames.GetValueOrDefault(b.Key, b.Key))).Append("</th><td>")
                .Append(b.Dimension == Dimension.Leadership ? "leadership" : "management").Append("</td>")
                .Append(Cell(b.Score)).Append(Cell(b.N)).Append(Cell(b.Sd)).Append(Cell(b.Self)).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Groups(StringBuilder html, PersonReport r)
    {
        html.Append("<section>\n<h2>Who responded</h2>\n<table>\n<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Responders</th>"
            + "<th scope=\"col\">Leadership</th><th scope=\"col\">Management</th><th scope=\"col\">Gap</th></tr></thead>\n<tbody>\n")
            .Append("<tr><th scope=\"row\">Self</th>").Append(Cell(r.Responders.Self)).Append("<td colspan=\"3\">see above</td></tr>\n");
        foreach (var g in r.Groups)
        {
            html.Append("<tr><th scope=\"row\">").Append(GroupName(g.Relationship)).Append("</th>").Append(Cell(g.Responders));
            if (g.Suppressed)
            {
                html.Append("<td colspan=\"3\" class=\"hidden\">hidden (fewer than k, or it would reveal a hidden group)</td>");
            }
            else
            {
                html.Append(Cell(g.Leadership?.Score)).Append(Cell(g.Management?.Score)).Append(Cell(g.Gap?.Score, signed: true));
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Comments(StringBuilder html, PersonReport r)
    {
        html.Append("<section>\n<h2>Comments</h2>\n");
        if (r.Comments is null)
        {
            html.Append("<p class=\"hidden\">Comments are hidden with the other figures.</p>\n</section>\n");
            return;
        }

        foreach (var (title, list) in new[] { ("Leadership", r.Comments.Leadership), ("Management", r.Comments.Management) })
        {
            html.Append("<h3>").Append(title).Append("</h3>\n");
            if (list.Count == 0)
            {
                html.Append("<p class=\"hidden\">No comments.</p>\n");
                continue;
            }

            html.Append("<ul>\n");
            foreach (var comment in list)
            {
                html.Append("<li>").Append(E(comment)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string Number(double value, bool signed = false) =>
        (signed && value > 0 ? "+" : "") + value.ToString("0.00", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);

    private static string Cell(double? value, bool signed = false) =>
        value is { } v ? $"<td class=\"num\">{Number(v, signed)}</td>" : "<td class=\"num\">—</td>";

    private static string Cell(int? value) => value is { } v ? $"<td class=\"num\">{v}</td>" : "<td class=\"num\">—</td>";

    private static string Interval(double[]? ci) =>
        ci is [var low, var high] ? $"<td class=\"num\">{Number(low)} to {Number(high)}</td>" : "<td class=\"num\">—</td>";

    private static string QuadrantName(Quadrant q) => q switch
    {
        Quadrant.LeaderAndManager => "leader and manager",
        Quadrant.LeaderOnly => "leader, not (yet) manager",
        Quadrant.ManagerOnly => "manager, not (yet) leader",
        _ => "developing both",
    };

    private static string GroupName(Relationship r) => r switch
    {
        Relationship.Manager => "Manager",
        Relationship.Peer => "Peers",
        Relationship.DirectReport => "Direct reports",
        _ => "Others",
    };

    private const string Css = """

        :root { color-scheme: light; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d1d1d; }
        body { margin: 0; background: #f4f4f2; }
        main { max-width: 210mm; margin: 0 auto; padding: 12mm 14mm; background: #fff; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
        h2 { font-size: 1.1rem; margin: 1.1rem 0 .4rem; border-bottom: 2px solid #1b7f79; padding-bottom: .15rem; }
        h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
        .meta { color: #555; margin: 0; font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .3rem 0; }
        th, td { padding: .2rem .4rem; border-bottom: 1px solid #ddd; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .hidden { color: #6b6b6b; font-style: italic; }
        .headline { font-size: 1rem; }
        svg.chart { width: 100%; height: auto; display: block; margin: .3rem 0; }
        ul { margin: .2rem 0 .4rem 1.2rem; padding: 0; font-size: .85rem; }
        footer { margin-top: 1rem; font-size: .75rem; color: #555; }
        @page { size: A4; margin: 12mm; }
        @media print {
          :root { font-size: 8pt; }
          body { background: #fff; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 1.5rem; }
          h2 { margin: .6rem 0 .25rem; }
          th, td { padding: .1rem .3rem; }
          svg.chart { width: 78%; margin: 0 auto; }
          h2 { break-after: avoid; }
          table, svg.chart, li { break-inside: avoid; }
        }

        """;
}

/// <summary>What the picture and page show besides the report: the cycle's name and close, and behavior names.</summary>
public sealed record ReportLabels(string CycleName, DateTimeOffset ClosedAt, int ScaleMin, int ScaleMax, IReadOnlyDictionary<string, string> BehaviorNames);
