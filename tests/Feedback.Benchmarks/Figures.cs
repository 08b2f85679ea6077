using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Feedback.Benchmarks;

/// <summary>One measured figure: printed as a table row and as one machine-readable line.</summary>
/// <param name="Name">What was measured, e.g. <c>submissions.api</c>.</param>
/// <param name="Subjects">The cycle size it was measured at (null when it does not apply).</param>
/// <param name="Value">The headline number, in <paramref name="Unit"/>.</param>
/// <param name="Goal">The issue's goal for it, as text (empty when none), and whether it was met.</param>
internal sealed record Figure(
    string Name, int? Subjects, double Value, string Unit, double? P50Ms = null, double? P99Ms = null,
    string Goal = "", bool? Met = null, string Load = "", string Note = "");

internal sealed class Figures
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // × and ≤ as themselves
    };
    private readonly List<Figure> all = [];
    private readonly string jsonLinesFile;

    public Figures(string jsonLinesFile)
    {
        this.jsonLinesFile = jsonLinesFile;
        Directory.CreateDirectory(Path.GetDirectoryName(jsonLinesFile)!);
        File.WriteAllText(jsonLinesFile, "");
    }

    public IReadOnlyList<Figure> All => all;

    public Figure Add(Figure figure)
    {
        var load = figure.Load.Length > 0 ? figure.Load : Shell.Load();
        figure = figure with { Load = load };
        all.Add(figure);
        var line = Line(figure);
        Console.WriteLine(line);
        File.AppendAllText(jsonLinesFile, line + "\n");
        return figure;
    }

    public double? Value(string name, int? subjects = null) =>
        all.LastOrDefault(f => f.Name == name && (subjects is null || f.Subjects == subjects))?.Value;

    /// <summary>The machine-readable line: <c>BENCH {json}</c>, one per figure.</summary>
    public static string Line(Figure f) => "BENCH " + JsonSerializer.Serialize(new
    {
        figure = f.Name,
        subjects = f.Subjects,
        value = Round(f.Value),
        unit = f.Unit,
        p50Ms = f.P50Ms is { } p50 ? Round(p50) : (double?)null,
        p99Ms = f.P99Ms is { } p99 ? Round(p99) : (double?)null,
        goal = f.Goal.Length > 0 ? f.Goal : null,
        met = f.Met,
        load = f.Load,
        note = f.Note.Length > 0 ? f.Note : null,
    }, Json);

    public string Table()
    {
        var rows = all.Select(f => new[]
        {
            f.Name,
            f.Subjects is { } s ? s.ToString("N0", CultureInfo.InvariantCulture) : "",
            Format(f.Value) + " " + f.Unit,
            f.P50Ms is { } p50 ? Format(p50) : "",
            f.P99Ms is { } p99 ? Format(p99) : "",
            f.Goal,
            f.Met switch { true => "yes", false => "NO", null => "" },
            f.Load.Split(' ')[0],
            f.Note,
        }).ToList();
        string[] header = ["figure", "subjects", "value", "p50 ms", "p99 ms", "goal", "met", "load", "note"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Row(string[] cells) => text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).Append(" |\n");
        Row(header);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append("|\n");
        rows.ForEach(Row);
        return text.ToString();
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, v >= 100 ? 1 : 3) : -1;

    private static string Format(double v) => !double.IsFinite(v)
        ? "n/a"
        : v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);
}
