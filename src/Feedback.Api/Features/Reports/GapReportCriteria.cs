using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using CursorCodec = Feedback.Api.Common.Http.Cursor;

namespace Feedback.Api.Features.Reports;

/// <summary>A sort order of the gap report. Every order puts nulls last and breaks ties by externalId ascending.</summary>
/// <param name="Name">The sort's name in the query string.</param>
/// <param name="Number">The numeric column it sorts by; null for the name sort (display name, never null).</param>
/// <param name="Descending">Highest value first.</param>
/// <param name="ValueOf">The value of an item in this sort, for the cursor.</param>
internal sealed record GapSort(string Name, Expression<Func<SubjectReport, double?>>? Number, bool Descending, Func<GapReportItem, object?> ValueOf)
{
    public static IReadOnlyList<GapSort> All { get; } =
    [
        new("gap", r => r.GapScore, false, i => i.Gap?.Score),
        new("-gap", r => r.GapScore, true, i => i.Gap?.Score),
        new("leadership", r => r.Leadership, false, i => i.Leadership),
        new("-leadership", r => r.Leadership, true, i => i.Leadership),
        new("management", r => r.Management, false, i => i.Management),
        new("-management", r => r.Management, true, i => i.Management),
        new("name", null, false, i => i.DisplayName),
    ];

    public bool IsText => Number is null;
}

/// <summary>Where a page ends: the last item's sort value (null sorts last) and externalId.</summary>
internal sealed record GapCursor(object? Value, string ExternalId)
{
    public static string Encode(GapSort sort, GapReportItem last) => sort.ValueOf(last) switch
    {
        null => CursorCodec.Encode(sort.Name, "null", "", last.ExternalId),
        double d => CursorCodec.Encode(sort.Name, "number", d.ToString("R", CultureInfo.InvariantCulture), last.ExternalId),
        var v => CursorCodec.Encode(sort.Name, "text", (string)v, last.ExternalId),
    };

    public static GapCursor? Decode(string? cursor, GapSort sort)
    {
        if (CursorCodec.Decode(cursor, 4) is not [var name, var kind, var value, var externalId])
        {
            return null;
        }

        if (name != sort.Name)
        {
            throw new RequestValidationException("cursor", $"This cursor belongs to sort '{name}'; keep the sort while paging.");
        }

        return (kind, sort.IsText) switch
        {
            ("null", false) => new GapCursor(null, externalId),
            ("number", false) when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => new GapCursor(d, externalId),
            ("text", true) => new GapCursor(value, externalId),
            _ => throw new RequestValidationException("cursor", "The cursor is not one this list returned."),
        };
    }
}

/// <summary>The gap report's sort and filters, parsed from the query string (400 naming each bad one).</summary>
internal sealed record GapReportCriteria(GapSort Sort, string? Department, bool? IsManager, Quadrant? Quadrant)
{
    public static GapReportCriteria Parse(string? sort, string? department, string? isManager, string? quadrant)
    {
        var errors = new Dictionary<string, string[]>();
        var sortOrder = GapSort.All.FirstOrDefault(s => s.Name == (sort ?? "gap"));
        if (sortOrder is null)
        {
            errors["sort"] = [$"Unknown sort; use one of {string.Join(", ", GapSort.All.Select(s => s.Name))}."];
        }

        bool? manager = isManager switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (isManager is not null && manager is null)
        {
            errors["isManager"] = ["isManager must be true or false."];
        }

        var quadrants = Enum.GetValues<Quadrant>().ToDictionary(q => JsonNamingPolicy.CamelCase.ConvertName(q.ToString()));
        Quadrant? wanted = null;
        if (quadrant is not null)
        {
            if (quadrants.TryGetValue(quadrant, out var q))
            {
                wanted = q;
            }
            else
            {
                errors["quadrant"] = [$"Unknown quadrant; use one of {string.Join(", ", quadrants.Keys)}."];
            }
        }

        return errors.Count > 0
            ? throw new RequestValidationException(errors)
            : new GapReportCriteria(sortOrder!, department, manager, wanted);
    }
}
