using System.Globalization;
using Feedback.Api.Domain.Reports;
using ScottPlot;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>
/// The gap report as a scatter: one point per reportable subject (management across, leadership up), the cycle's two
/// median lines splitting the quadrants. No names or ids: a point is only a pair of shown scores.
/// </summary>
internal static class GapScatterChart
{
    public const int Width = 760;
    public const int Height = 700;

    public sealed record Point(double Leadership, double Management, Quadrant Quadrant);

    private static readonly (Quadrant Quadrant, string Label, Color Color)[] Legend =
    [
        (Quadrant.LeaderAndManager, "Leader and manager", Color.FromHex("#2a7f3f")),
        (Quadrant.LeaderOnly, "Leader only", ChartStyle.Leadership),
        (Quadrant.ManagerOnly, "Manager only", ChartStyle.Management),
        (Quadrant.Developing, "Developing", ChartStyle.Muted),
    ];

    public static string Render(IReadOnlyList<Point> points, double? medianLeadership, double? medianManagement, int scaleMin, int scaleMax, string? filtered)
    {
        var plot = ChartStyle.NewPlot();
        foreach (var (quadrant, label, color) in Legend)
        {
            var these = points.Where(p => p.Quadrant == quadrant).ToList();
            var markers = plot.Add.Markers(these.Select(p => p.Management).ToArray(), these.Select(p => p.Leadership).ToArray(),
                MarkerShape.FilledCircle, 9, color.WithAlpha(0.6));
            markers.LegendText = $"{label} ({these.Count})";
        }

        // Subjects with the very same pair of scores are one dot: say how many.
        foreach (var spot in points.GroupBy(p => (p.Management, p.Leadership)).Where(g => g.Count() > 1))
        {
            var count = plot.Add.Text($"×{spot.Count()}", spot.Key.Management + 0.05, spot.Key.Leadership);
            count.LabelFontSize = 11;
            count.LabelFontColor = ChartStyle.Muted;
            count.LabelAlignment = Alignment.MiddleLeft;
        }

        foreach (var (quadrant, label, color) in Legend)
        {
            var (x, y, alignment) = quadrant switch
            {
                Quadrant.LeaderAndManager => (scaleMax + 0.1, scaleMax + 0.1, Alignment.UpperRight),
                Quadrant.LeaderOnly => (scaleMin - 0.1, scaleMax + 0.1, Alignment.UpperLeft),
                Quadrant.ManagerOnly => (scaleMax + 0.1, scaleMin - 0.1, Alignment.LowerRight),
                _ => (scaleMin - 0.1, scaleMin - 0.1, Alignment.LowerLeft),
            };
            var corner = plot.Add.Text(label, x, y);
            corner.LabelFontSize = 13;
            corner.LabelBold = true;
            corner.LabelFontColor = color;
            corner.LabelAlignment = alignment;
        }

        if (medianManagement is { } mm)
        {
            plot.Add.VerticalLine(mm, 1.5f, ChartStyle.Muted, LinePattern.Dashed);
        }

        if (medianLeadership is { } ml)
        {
            plot.Add.HorizontalLine(ml, 1.5f, ChartStyle.Muted, LinePattern.Dashed);
        }

        plot.Axes.SetLimits(scaleMin - 0.15, scaleMax + 0.15, scaleMin - 0.15, scaleMax + 0.15);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title($"Leadership vs management: {points.Count} reportable subjects{(filtered is null ? "" : " (" + filtered + ")")}");
        plot.XLabel("Management (others' mean)" + Median(medianManagement));
        plot.YLabel("Leadership (others' mean)" + Median(medianLeadership));
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontName = ChartStyle.FontName;
        plot.ShowLegend(Edge.Bottom);
        return ChartStyle.Svg(plot, Width, Height);
    }

    private static string Median(double? median) =>
        median is { } m ? "; dashed: median " + m.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
