using FluentValidation;

namespace Feedback.Api.Features.People.Import;

/// <summary>The field rules of a single upsert, applied to one import row.</summary>
public sealed class ImportedPersonValidator : AbstractValidator<ImportedPerson>
{
    public ImportedPersonValidator() => this.AddPersonFieldRules();
}

/// <summary>
/// Everything that can be wrong with an import, found in one pass so the caller hears about every bad row at
/// once: field rules, duplicate externalIds, unknown managers and manager loops (through the file and the
/// people already stored). Errors are keyed <c>rows[i].field</c> with <c>i</c> the 0-based position of the row
/// in the import (for CSV, the i-th record after the header); CSV messages also name the line.
/// </summary>
public static class ImportChecks
{
    private static readonly ImportedPersonValidator Validator = new();

    /// <param name="rows">The import.</param>
    /// <param name="storedManagers">Every stored person of the organization: externalId → manager's externalId.</param>
    public static Dictionary<string, string[]> Find(IReadOnlyList<ImportedPerson> rows, IReadOnlyDictionary<string, string?> storedManagers)
    {
        var errors = new SortedDictionary<int, List<KeyValuePair<string, string>>>();
        void Add(int row, string field, string message)
        {
            if (!errors.TryGetValue(row, out var list))
            {
                errors[row] = list = [];
            }

            list.Add(new(field, message));
        }

        // externalId → row index of its first valid occurrence.
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            foreach (var (field, message) in row.ParseErrors ?? [])
            {
                Add(i, field, message);
            }

            if (row.ExternalId is null && row.ParseErrors is { Count: > 0 } && row.ParseErrors.Any(e => e.Key.Length == 0))
            {
                continue; // the row could not be read at all; its field errors would only be noise
            }

            foreach (var failure in Validator.Validate(row).Errors)
            {
                Add(i, Camel(failure.PropertyName), failure.ErrorMessage);
            }

            if (PersonRules.IsExternalId(row.ExternalId) && !rowOf.TryAdd(row.ExternalId!, i))
            {
                Add(i, "externalId", $"{row.ExternalId} is also in rows[{rowOf[row.ExternalId!]}]; each person may appear once.");
            }
        }

        // The org chart as it would be after the import: a row's manager overrides the stored one.
        string? ManagerOf(string id) =>
            rowOf.TryGetValue(id, out var r)
                ? rows[r].ManagerExternalId == id ? null : Known(rows[r].ManagerExternalId) // self: reported by the validator
                : storedManagers.GetValueOrDefault(id);
        string? Known(string? id) => id is not null && (rowOf.ContainsKey(id) || storedManagers.ContainsKey(id)) ? id : null;

        foreach (var (id, i) in rowOf)
        {
            var manager = rows[i].ManagerExternalId;
            if (manager is not null && PersonRules.IsExternalId(manager) && Known(manager) is null)
            {
                Add(i, "managerExternalId", $"There is no person {manager} in this organization or in this import.");
            }
        }

        foreach (var loop in Loops(rowOf.Keys, ManagerOf))
        {
            var path = string.Join(" → ", loop.Append(loop[0]));
            foreach (var id in loop.Where(rowOf.ContainsKey))
            {
                Add(rowOf[id], "managerExternalId", $"Manager loop: {path}.");
            }
        }

        return errors.SelectMany(e => e.Value.GroupBy(x => x.Key).Select(g => (Row: e.Key, Field: g.Key, Messages: g.Select(x => x.Value))))
            .ToDictionary(
                x => x.Field.Length == 0 ? $"rows[{x.Row}]" : $"rows[{x.Row}].{x.Field}",
                x => x.Messages.Select(m => rows[x.Row].Line is { } line ? $"line {line}: {m}" : m).ToArray());
    }

    /// <summary>Every manager loop reachable from <paramref name="starts"/>, each once, in walking order.</summary>
    private static List<List<string>> Loops(IEnumerable<string> starts, Func<string, string?> managerOf)
    {
        var loops = new List<List<string>>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in starts)
        {
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            for (string? id = start; id is not null && !done.Contains(id); id = managerOf(id))
            {
                if (onPath.TryGetValue(id, out var at))
                {
                    loops.Add(path[at..]);
                    break;
                }

                onPath[id] = path.Count;
                path.Add(id);
            }

            done.UnionWith(path);
        }

        return loops;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
