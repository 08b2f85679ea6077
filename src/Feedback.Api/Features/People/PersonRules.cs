using System.Text.RegularExpressions;
using FluentValidation;

namespace Feedback.Api.Features.People;

/// <summary>The writable fields of a person, shared by the single upsert and the import.</summary>
public interface IPersonFields
{
    string? ExternalId { get; }
    string? DisplayName { get; }
    string? Email { get; }
    string? ManagerExternalId { get; }
    string? Department { get; }
    string? Title { get; }
}

public static partial class PersonRules
{
    public const int MaxExternalIdLength = 128;
    public const int MaxTextLength = 200;
    public const int MaxEmailLength = 320;

    public const string ExternalIdMessage = "An externalId is 1-128 characters of A-Z, a-z, 0-9 and . _ @ : -";

    [GeneratedRegex("^[A-Za-z0-9._@:-]{1,128}$")]
    private static partial Regex ExternalIdPattern();

    // Deliberately loose: one @, something on each side, no whitespace. Real checking is the HR system's job.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    public static bool IsExternalId(string? value) => value is not null && ExternalIdPattern().IsMatch(value);

    /// <summary>Blank optional text means "not given": trimmed, and null when empty.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static IRuleBuilderOptions<T, string?> MustBeExternalId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsExternalId).WithMessage(ExternalIdMessage);

    /// <summary>
    /// The field rules every person write shares; the caller adds the rules about where externalId comes from.
    /// <paramref name="names"/> are the wire names errors are reported under (SCIM calls externalId userName).
    /// </summary>
    public static void AddPersonFieldRules<T>(this AbstractValidator<T> v, PersonFieldNames? names = null)
        where T : IPersonFields
    {
        names ??= PersonFieldNames.People;
        v.RuleFor(p => p.ExternalId)
            .Must(IsExternalId).WithMessage($"{names.ExternalId} must be 1-128 characters of A-Z, a-z, 0-9 and . _ @ : -")
            .OverridePropertyName(names.ExternalId);
        v.RuleFor(p => p.DisplayName)
            .NotEmpty().WithMessage($"{names.DisplayName} is required.")
            .MaximumLength(MaxTextLength).WithMessage($"{names.DisplayName} must be at most {MaxTextLength} characters.")
            .OverridePropertyName(names.DisplayName);
        v.RuleFor(p => p.Email!)
            .MaximumLength(MaxEmailLength).WithMessage($"{names.Email} must be at most {MaxEmailLength} characters.")
            .Must(e => EmailPattern().IsMatch(e)).WithMessage($"{names.Email} is not an email address.")
            .When(p => p.Email is not null)
            .OverridePropertyName(names.Email);
        v.RuleFor(p => p.ManagerExternalId)
            .MustBeExternalId()
            .NotEqual(p => p.ExternalId).WithMessage("A person cannot be their own manager.")
            .When(p => p.ManagerExternalId is not null)
            .OverridePropertyName(names.Manager);
        v.RuleFor(p => p.Department)
            .MaximumLength(MaxTextLength).WithMessage($"{names.Department} must be at most {MaxTextLength} characters.")
            .OverridePropertyName(names.Department);
        v.RuleFor(p => p.Title)
            .MaximumLength(MaxTextLength).WithMessage($"{names.Title} must be at most {MaxTextLength} characters.")
            .OverridePropertyName(names.Title);
    }
}

/// <summary>What a protocol calls each person field, for error messages and keys.</summary>
public sealed record PersonFieldNames(string ExternalId, string DisplayName, string Email, string Manager, string Department, string Title)
{
    public static readonly PersonFieldNames People = new("externalId", "displayName", "email", "managerExternalId", "department", "title");
}
