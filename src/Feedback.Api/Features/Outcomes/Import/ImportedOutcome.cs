using FluentValidation;

namespace Feedback.Api.Features.Outcomes.Import;

/// <summary>One row of an outcomes import in JSON: the PUT body with the subject's externalId.</summary>
/// <param name="ExternalId">The subject (required).</param>
/// <param name="Productivity">As in the PUT.</param>
/// <param name="Engagement">As in the PUT.</param>
/// <param name="Retention">As in the PUT: 0..1.</param>
public sealed record OutcomeImportRow(string? ExternalId, double? Productivity = null, double? Engagement = null, double? Retention = null);

/// <summary>A row as read from JSON or CSV, with what could not be read (CSV: per cell) and its line (CSV only).</summary>
public sealed record ImportedOutcome(
    string? ExternalId, double? Productivity, double? Engagement, double? Retention, int? Line = null,
    IReadOnlyList<KeyValuePair<string, string>>? ParseErrors = null) : IOutcomeFields
{
    public static ImportedOutcome From(OutcomeImportRow row) => new(row.ExternalId, row.Productivity, row.Engagement, row.Retention);
}

public sealed class ImportedOutcomeValidator : AbstractValidator<ImportedOutcome>
{
    public ImportedOutcomeValidator()
    {
        RuleFor(o => o.ExternalId).Must(People.PersonRules.IsExternalId).WithMessage(People.PersonRules.ExternalIdMessage);
        this.AddOutcomeFieldRules();
    }
}

/// <summary>The result of an import: rows new, changed, and already holding the same values.</summary>
public sealed record OutcomesImported(int Created, int Updated, int Unchanged);
