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
    public const int Height = 640;

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

        if (medianManagement is { } mm)
        {
            var line = plot.Add.VerticalLine(mm, 1.5f, ChartStyle.Muted, LinePattern.Dashed);
            line.LabelText = "median " + mm.ToString("0.00", CultureInfo.InvariantCulture);
            line.LabelFontName = ChartStyle.FontName;
        }

        if (medianLeadership is { } ml)
        {
            var line = plot.Add.HorizontalLine(ml, 1.5f, ChartStyle.Muted, LinePattern.Dashed);
            line.LabelText = "median " + ml.ToString("0.00", CultureInfo.InvariantCulture);
            line.LabelFontName = ChartStyle.FontName;
        }

        plot.Axes.SetLimits(scaleMin - 0.15, scaleMax + 0.15, scaleMin - 0.15, scaleMax + 0.15);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title($"Leadership vs management: {points.Count} reportable subjects{(filtered is null ? "" : " (" + filtered + ")")}");
        plot.XLabel("Management (others' mean)");
        plot.YLabel("Leadership (others' mean)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.FontName = ChartStyle.FontName;
        return ChartStyle.Svg(plot, Width, Height);
    }
}
