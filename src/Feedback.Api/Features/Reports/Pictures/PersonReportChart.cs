using System.Globalization;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using ScottPlot;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>
/// A person report as a chart: per behavior, others' mean (bar) and the self score (diamond); per dimension, others'
/// mean with its 95 % interval. Only figures the JSON shows are drawn; what is hidden is listed in a note saying why.
/// </summary>
internal static class PersonReportChart
{
    public const int Width = 820;

    public static (string Svg, int Height) Render(PersonReport report, IReadOnlyDictionary<string, string> behaviorNames)
    {
        var plot = ChartStyle.NewPlot();
        var rows = Rows(report, behaviorNames);
        var notes = PersonReportNotes.Hidden(report).SelectMany(n => Wrap(n, 78)).ToList();

        var y = rows.Count + notes.Count;
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        var selfXs = new List<double>();
        var selfYs = new List<double>();
        var low = (double)report.ScaleMin;
        var high = (double)report.ScaleMax;
        foreach (var row in rows)
        {
            var label = row.Others is null && !row.Summary ? row.Label + " (hidden)" : row.Label;
            ticks.Add(new Tick(y, label));
            var color = row.Dimension == Dimension.Leadership ? ChartStyle.Leadership : ChartStyle.Management;
            if (row.Others is { } mean && !row.Summary)
            {
                bars.Add(new Bar { Position = y, ValueBase = report.ScaleMin, Value = mean, FillColor = color.WithAlpha(0.85), Size = 0.6 });
            }
            else if (row.Others is { } summary)
            {
                var marker = plot.Add.Marker(summary, y, MarkerShape.FilledCircle, 11, color);
                marker.LegendText = "";
                if (row.Ci95 is { } ci)
                {
                    var bar = plot.Add.ErrorBar([summary], [(double)y], [0.0]);
                    bar.XErrorNegative = [summary - ci[0]];
                    bar.XErrorPositive = [ci[1] - summary];
                    bar.YErrorNegative = null;
                    bar.YErrorPositive = null;
                    bar.Color = color;
                    bar.LineWidth = 2;
                    bar.CapSize = 8;
                    low = Math.Min(low, ci[0]);
                    high = Math.Max(high, ci[1]);
                }

                var value = plot.Add.Text(summary.ToString("0.00", CultureInfo.InvariantCulture), (row.Ci95?[1] ?? summary) + 0.06, y);
                value.LabelFontSize = 12;
                value.LabelBold = true;
                value.LabelFontColor = color;
                value.LabelAlignment = Alignment.MiddleLeft;
                high = Math.Max(high, (row.Ci95?[1] ?? summary) + 0.45);
            }

            if (row.Self is { } self)
            {
                selfXs.Add(self);
                selfYs.Add(y);
            }

            y--;
        }

        if (bars.Count > 0)
        {
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
        }

        if (selfXs.Count > 0)
        {
            plot.Add.Markers(selfXs.ToArray(), selfYs.ToArray(), MarkerShape.FilledDiamond, 11, ChartStyle.Self);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Others' mean per behavior", FillColor = ChartStyle.Leadership, LineWidth = 0 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Others' mean with 95% interval", MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = ChartStyle.Management, MarkerSize = 9, LineColor = ChartStyle.Management, LineWidth = 2 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Self", MarkerShape = MarkerShape.FilledDiamond, MarkerFillColor = ChartStyle.Self, MarkerSize = 10, LineWidth = 0 });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontName = ChartStyle.FontName;
        plot.ShowLegend(Edge.Bottom);

        foreach (var note in notes)
        {
            var text = plot.Add.Text(note, low - 0.05, y);
            text.LabelFontSize = 12;
            text.LabelFontColor = ChartStyle.Muted;
            text.LabelAlignment = Alignment.MiddleLeft;
            y--;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Axes.SetLimits(low - 0.1, high + 0.1, y + 0.4, rows.Count + notes.Count + 0.6);
        var name = report.Subject.DisplayName.Length > 60 ? report.Subject.DisplayName[..59] + "…" : report.Subject.DisplayName;
        plot.Title($"{name}: by behavior");
        plot.XLabel($"Score ({report.ScaleMin}–{report.ScaleMax})");
        plot.Grid.YAxisStyle.IsVisible = false;

        var height = 190 + (28 * (rows.Count + notes.Count));
        return (ChartStyle.Svg(plot, Width, height), height);
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length == 0 ? "" : " ").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private sealed record ChartRow(string Label, Dimension Dimension, bool Summary, double? Others, double[]? Ci95, double? Self);

    private static List<ChartRow> Rows(PersonReport report, IReadOnlyDictionary<string, string> names)
    {
        var rows = new List<ChartRow>();
        foreach (var dimension in new[] { Dimension.Leadership, Dimension.Management })
        {
            var stats = dimension == Dimension.Leadership ? report.Others?.Leadership : report.Others?.Management;
            var self = dimension == Dimension.Leadership ? report.Self.Leadership : report.Self.Management;
            var title = dimension == Dimension.Leadership ? "LEADERSHIP (mean)" : "MANAGEMENT (mean)";
            rows.Add(new ChartRow(stats is null ? title + " (hidden)" : title, dimension, true, stats?.Score, stats?.Ci95, self));
            rows.AddRange(report.Behaviors.Where(b => b.Dimension == dimension)
                .Select(b => new ChartRow(names.GetValueOrDefault(b.Key, b.Key), dimension, false, b.Score, null, b.Self)));
        }

        return rows;
    }
}
