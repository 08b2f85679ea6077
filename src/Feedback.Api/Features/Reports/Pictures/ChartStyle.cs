using ScottPlot;

namespace Feedback.Api.Features.Reports.Pictures;

/// <summary>What every chart shares: the font, the palette, and the SVG as a standalone file or inlined in a page.</summary>
internal static class ChartStyle
{
    public static readonly Color Leadership = Color.FromHex("#1b7f79");
    public static readonly Color Management = Color.FromHex("#c05d1a");
    public static readonly Color Self = Color.FromHex("#3b2a8a");
    public static readonly Color Muted = Color.FromHex("#6b6b6b");

    /// <summary>
    /// A sans font that is installed (ScottPlot measures text with it; the SVG names it). With no font at all,
    /// SkiaSharp draws no text: the container image installs fonts-dejavu-core.
    /// </summary>
    public static readonly string FontName =
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(Installed) ?? Fonts.Default;

    public static bool HasFont => Installed(FontName);

    private static bool Installed(string family)
    {
        using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
        return typeface is not null;
    }

    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    /// <summary>The plot as an SVG document (its own file).</summary>
    public static string Svg(Plot plot, int width, int height) => plot.GetSvgXml(width, height);

    /// <summary>
    /// The SVG element alone, for inlining in HTML: no XML prolog, a viewBox so it scales to the page, and a label
    /// for screen readers.
    /// </summary>
    public static string InlineSvg(string svg, string label)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var element = start < 0 ? svg : svg[start..];
        var tagEnd = element.IndexOf('>', StringComparison.Ordinal);
        var tag = element[..tagEnd];
        var width = Attribute(tag, "width");
        var height = Attribute(tag, "height");
        var extra = $" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" class=\"chart\"";
        return element[..tagEnd] + extra + element[tagEnd..];
    }

    private static string Attribute(string tag, string name)
    {
        var at = tag.IndexOf($" {name}=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return "0";
        }

        var from = at + name.Length + 3;
        return tag[from..tag.IndexOf('"', from)];
    }
}
