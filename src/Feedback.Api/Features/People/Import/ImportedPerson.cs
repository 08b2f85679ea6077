namespace Feedback.Api.Features.People.Import;

/// <summary>One person of a JSON import: the body of <c>PUT /v1/people/{externalId}</c> with its externalId.</summary>
/// <param name="ExternalId">Required.</param>
/// <param name="DisplayName">1-200 characters.</param>
/// <param name="Email">Optional email address.</param>
/// <param name="ManagerExternalId">Optional; an existing person or another row of the same import.</param>
/// <param name="Department">Optional, up to 200 characters.</param>
/// <param name="Title">Optional, up to 200 characters.</param>
/// <param name="Active">Defaults to true.</param>
public sealed record PersonImportRow(
    string ExternalId,
    string DisplayName,
    string? Email = null,
    string? ManagerExternalId = null,
    string? Department = null,
    string? Title = null,
    bool? Active = null);

/// <summary>The counts of an import that went through.</summary>
/// <param name="Created">People that did not exist before.</param>
/// <param name="Updated">Existing people with at least one field changed.</param>
/// <param name="Unchanged">Existing people whose row matched what was stored.</param>
public sealed record PeopleImported(int Created, int Updated, int Unchanged);

/// <summary>A row of an import after parsing (JSON or CSV) and normalization; not yet validated.</summary>
/// <param name="ExternalId">As given (not trimmed).</param>
/// <param name="DisplayName">Trimmed.</param>
/// <param name="Email">Trimmed; null when blank.</param>
/// <param name="ManagerExternalId">Trimmed; null when blank.</param>
/// <param name="Department">Trimmed; null when blank.</param>
/// <param name="Title">Trimmed; null when blank.</param>
/// <param name="Active">True unless the row said false.</param>
/// <param name="Line">For CSV, the line the record starts on (the header is line 1); null for JSON.</param>
/// <param name="ParseErrors">What the CSV reader found wrong with the record, keyed by field ("" for the whole row).</param>
public sealed record ImportedPerson(
    string? ExternalId,
    string? DisplayName,
    string? Email,
    string? ManagerExternalId,
    string? Department,
    string? Title,
    bool Active,
    int? Line = null,
    IReadOnlyList<KeyValuePair<string, string>>? ParseErrors = null) : IPersonFields
{
    public static ImportedPerson From(PersonImportRow row) => Normalized(
        row.ExternalId, row.DisplayName, row.Email, row.ManagerExternalId, row.Department, row.Title, row.Active ?? true, null, null);

    /// <summary>Same normalization as the single upsert: trimmed, blank optional text is null.</summary>
    public static ImportedPerson Normalized(
        string? externalId, string? displayName, string? email, string? managerExternalId, string? department, string? title,
        bool active, int? line, IReadOnlyList<KeyValuePair<string, string>>? parseErrors) => new(
        externalId,
        displayName?.Trim(),
        PersonRules.Optional(email),
        PersonRules.Optional(managerExternalId),
        PersonRules.Optional(department),
        PersonRules.Optional(title),
        active,
        line,
        parseErrors);
}
