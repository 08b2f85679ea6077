using Feedback.Api.Common.Http;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.People;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Scim;

/// <summary>
/// The whole writable state of a SCIM user. POST and PUT build it from the body, PATCH from the stored person plus
/// the operations, DELETE from the stored person with active = false; all of them are then saved the same way.
/// </summary>
public sealed record ScimUserFields(
    string? UserName,
    string? ScimExternalId,
    string? DisplayName,
    string? Email,
    string? Title,
    string? Department,
    string? ManagerValue,
    bool Active) : IPersonFields
{
    string? IPersonFields.ExternalId => UserName;

    // SCIM names the manager by id, checked against the database in ScimUserStore.
    string? IPersonFields.ManagerExternalId => null;

    public static ScimUserFields From(ScimUserRequest body)
    {
        var email = PrimaryEmail(body.Emails);
        return new ScimUserFields(
            body.UserName,
            PersonRules.Optional(body.ExternalId),
            DisplayNameOf(body.DisplayName, body.Name),
            PersonRules.Optional(email?.Value),
            PersonRules.Optional(body.Title),
            PersonRules.Optional(body.EnterpriseUser?.Department),
            PersonRules.Optional(body.EnterpriseUser?.Manager?.Value),
            body.Active ?? true);
    }

    /// <summary>The primary email, else the first; null entries (<c>"emails": [null]</c>) are skipped.</summary>
    public static ScimEmail? PrimaryEmail(IEnumerable<ScimEmail?>? emails)
    {
        var present = emails?.OfType<ScimEmail>().ToList() ?? [];
        return present.FirstOrDefault(e => e.Primary == true) ?? present.FirstOrDefault();
    }

    public static ScimUserFields From(Person p) => new(
        p.ExternalId, p.ScimExternalId, p.DisplayName, p.Email, p.Title, p.Department, p.ManagerId?.ToString(), p.Active);

    /// <summary><c>displayName</c>, else <c>name.formatted</c>, else <c>name.givenName name.familyName</c>.</summary>
    public static string? DisplayNameOf(string? displayName, ScimName? name) =>
        PersonRules.Optional(displayName)
        ?? PersonRules.Optional(name?.Formatted)
        ?? PersonRules.Optional(string.Join(' ', new[] { name?.GivenName?.Trim(), name?.FamilyName?.Trim() }.Where(s => !string.IsNullOrEmpty(s))));
}

/// <summary>The same field rules as <c>/v1/people</c>, under SCIM's attribute names.</summary>
public sealed class ScimUserFieldsValidator : AbstractValidator<ScimUserFields>
{
    public const int MaxScimExternalIdLength = 256;

    public static readonly PersonFieldNames Names = new("userName", "displayName", "emails", "manager", "department", "title");

    public ScimUserFieldsValidator()
    {
        this.AddPersonFieldRules(Names);
        RuleFor(f => f.ScimExternalId)
            .MaximumLength(MaxScimExternalIdLength).WithMessage($"externalId must be at most {MaxScimExternalIdLength} characters.")
            .OverridePropertyName("externalId");
    }
}

internal static class ScimUserStore
{
    /// <summary>
    /// Loads a person for a change inside a transaction holding the org-chart lock, checks <c>If-Match</c>, saves
    /// what <paramref name="change"/> makes of them and returns the result as read back.
    /// </summary>
    public static async Task<ScimUserRow> ChangeAsync(
        FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator,
        Guid organizationId, Guid id, string? ifMatch, Func<ScimUserFields, ScimUserFields> change, CancellationToken ct)
    {
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await OrgChart.LockAsync(db, organizationId, ct);
            var person = await db.People.SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.Id == id, ct)
                ?? throw new NotFoundException($"There is no User {id}.");
            if (ifMatch is not null && !EntityTag.Matches(ifMatch, person.Version))
            {
                throw new PreconditionFailedException($"User {id} has changed since that version; read it again.");
            }

            await SaveAsync(db, clock, validator, organizationId, person, change(ScimUserFields.From(person)), ct);
            await tx.CommitAsync(ct);
        }

        return (await ScimUserRows.FindAsync(db, organizationId, id, ct))!;
    }

    /// <summary>Validates and writes <paramref name="fields"/> to <paramref name="person"/> (or a new person when null); the caller holds the lock.</summary>
    public static async Task<Guid> SaveAsync(
        FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator,
        Guid organizationId, Person? person, ScimUserFields fields, CancellationToken ct)
    {
        // Validated here, not in the mediator pipeline, because a PATCH's result is only known inside the handler.
        var validation = await validator.ValidateAsync(fields, ct);
        if (!validation.IsValid)
        {
            throw new ValidationException(validation.Errors);
        }

        var userName = fields.UserName!;
        if (await db.People.AnyAsync(p => p.OrganizationId == organizationId && p.ExternalId == userName && p.Id != (person == null ? Guid.Empty : person.Id), ct))
        {
            throw ScimException.Uniqueness($"userName {userName} is already taken by another User.");
        }

        var managerId = await ResolveManagerAsync(db, organizationId, person, fields.ManagerValue, ct);
        var values = new PersonValues(fields.DisplayName!, fields.Email, managerId, fields.Department, fields.Title, fields.Active);
        if (person is null)
        {
            person = OrgChart.Add(db, organizationId, userName, values, clock.GetUtcNow());
            person.ScimExternalId = fields.ScimExternalId;
        }
        else
        {
            person.ExternalId = userName; // SCIM may rename; ratings hang on the id, not the name
            person.ScimExternalId = fields.ScimExternalId;
            OrgChart.Replace(db, person, values, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        return person.Id;
    }

    private static async Task<Guid?> ResolveManagerAsync(FeedbackDbContext db, Guid organizationId, Person? person, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            return null;
        }

        if (!Guid.TryParse(value, out var managerId)
            || !await db.People.AnyAsync(p => p.OrganizationId == organizationId && p.Id == managerId, ct))
        {
            throw ScimException.InvalidValue($"manager {value} is not the id of a User in this organization.");
        }

        // A new person manages nobody yet, so only an existing one can close a loop (or name themself).
        if (person is not null && await OrgChart.ReachesAsync(db, organizationId, managerId, person.Id, ct))
        {
            throw ScimException.InvalidValue(managerId == person.Id
                ? "A User cannot be their own manager."
                : $"User {managerId} reports (directly or not) to User {person.Id}; that would make a manager loop.");
        }

        return managerId;
    }
}
