using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Outcomes.Import;

public sealed record ImportOutcomesCommand(Guid OrganizationId, Guid CycleId, IReadOnlyList<ImportedOutcome> Rows) : ICommand<OutcomesImported>;

/// <summary>
/// All or nothing: every row is checked (field rules, a subject of the cycle, each subject once) and the 400 names
/// every bad row; otherwise the whole import is written by one statement. Each row replaces that subject's outcomes.
/// </summary>
public sealed class ImportOutcomesHandler(FeedbackDbContext db, TimeProvider clock, IOptions<OutcomeOptions> options, ILogger<ImportOutcomesHandler> logger)
    : ICommandHandler<ImportOutcomesCommand, OutcomesImported>
{
    private static readonly ImportedOutcomeValidator Validator = new();

    public async ValueTask<OutcomesImported> Handle(ImportOutcomesCommand command, CancellationToken cancellationToken)
    {
        var rows = command.Rows;
        var now = clock.GetUtcNowForDatabase();
        await OutcomeRules.EnsureAcceptingAsync(db, command.OrganizationId, command.CycleId, options.Value, now, cancellationToken);
        var subjects = await OutcomeRules.SubjectsAsync(db, command.OrganizationId, command.CycleId, only: null, cancellationToken);

        var errors = Check(rows, subjects);
        if (errors.Count > 0)
        {
            var bad = errors.Keys.Select(k => k[..(k.IndexOf(']', StringComparison.Ordinal) + 1)]).Distinct().Count();
            throw new RequestValidationException(errors, $"{bad} of {rows.Count} rows are invalid; nothing was imported.");
        }

        var (created, updated) = rows.Count == 0
            ? (0, 0)
            : await OutcomeRules.UpsertAsync(db, command.OrganizationId, command.CycleId,
                rows.Select(r => (subjects[r.ExternalId!], (IOutcomeFields)r)).ToList(), now, cancellationToken);
        logger.LogInformation("Imported {Rows} outcomes into cycle {CycleId}: {Created} created, {Updated} updated",
            rows.Count, command.CycleId, created, updated);
        return new OutcomesImported(created, updated, rows.Count - created - updated);
    }

    /// <summary>Every problem of every row, keyed rows[i].field (rows[i] for the whole row); CSV messages name the line.</summary>
    internal static Dictionary<string, string[]> Check(IReadOnlyList<ImportedOutcome> rows, IReadOnlyDictionary<string, Guid> subjects)
    {
        var errors = new List<(int Row, string Field, string Message)>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            errors.AddRange((row.ParseErrors ?? []).Select(e => (i, e.Key, e.Value)));
            if (row.ExternalId is null && row.ParseErrors?.Any(e => e.Key.Length == 0) == true)
            {
                continue; // the row could not be read at all
            }

            errors.AddRange(Validator.Validate(row).Errors.Select(f => (i, char.ToLowerInvariant(f.PropertyName[0]) + f.PropertyName[1..], f.ErrorMessage)));
            if (!People.PersonRules.IsExternalId(row.ExternalId))
            {
                continue;
            }

            if (!subjects.ContainsKey(row.ExternalId!))
            {
                errors.Add((i, "externalId", $"{row.ExternalId} is not a subject of this cycle (no assignment rates them)."));
            }
            else if (!firstRow.TryAdd(row.ExternalId!, i))
            {
                errors.Add((i, "externalId", $"{row.ExternalId} is also in rows[{firstRow[row.ExternalId!]}]; each subject may appear once."));
            }
        }

        return errors
            .GroupBy(e => e.Field.Length == 0 ? $"rows[{e.Row}]" : $"rows[{e.Row}].{e.Field}")
            .OrderBy(g => g.First().Row)
            .ToDictionary(g => g.Key, g => g.Select(e => rows[e.Row].Line is { } line ? $"line {line}: {e.Message}" : e.Message).ToArray());
    }
}
