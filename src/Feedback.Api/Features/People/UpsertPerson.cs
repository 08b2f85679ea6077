using Feedback.Api.Common.Http;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.People;

/// <summary>The whole person: omitted optional fields become null and an omitted <c>active</c> becomes true.</summary>
/// <param name="ExternalId">Optional; when given it must equal the externalId in the path.</param>
/// <param name="DisplayName">1-200 characters.</param>
/// <param name="Email">Optional email address.</param>
/// <param name="ManagerExternalId">Optional; an existing person of the organization, never the person themself or anyone they manage (directly or not).</param>
/// <param name="Department">Optional, up to 200 characters.</param>
/// <param name="Title">Optional, up to 200 characters.</param>
/// <param name="Active">Defaults to true.</param>
public sealed record UpsertPersonRequest(
    string DisplayName,
    string? ExternalId = null,
    string? Email = null,
    string? ManagerExternalId = null,
    string? Department = null,
    string? Title = null,
    bool? Active = null);

/// <summary>The person after the upsert, and whether they were created.</summary>
public sealed record PersonUpserted(VersionedPersonProfile Profile, bool Created);

public sealed record UpsertPersonCommand(
    Guid OrganizationId,
    string ExternalId,
    string? BodyExternalId,
    string? DisplayName,
    string? Email,
    string? ManagerExternalId,
    string? Department,
    string? Title,
    bool Active,
    string? IfMatch) : ICommand<PersonUpserted>, IPersonFields
{
    public static UpsertPersonCommand From(Guid organizationId, string externalId, UpsertPersonRequest body, string? ifMatch) => new(
        organizationId,
        externalId,
        body.ExternalId,
        body.DisplayName?.Trim(),
        PersonRules.Optional(body.Email),
        PersonRules.Optional(body.ManagerExternalId),
        PersonRules.Optional(body.Department),
        PersonRules.Optional(body.Title),
        body.Active ?? true,
        ifMatch);
}

public sealed class UpsertPersonValidator : AbstractValidator<UpsertPersonCommand>
{
    public UpsertPersonValidator()
    {
        this.AddPersonFieldRules();
        RuleFor(c => c.BodyExternalId)
            .Equal(c => c.ExternalId).When(c => c.BodyExternalId is not null)
            .WithName("externalId").OverridePropertyName("externalId")
            .WithMessage("The body's externalId differs from the one in the path.");
    }
}

public sealed class UpsertPersonHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<UpsertPersonCommand, PersonUpserted>
{
    public async ValueTask<PersonUpserted> Handle(UpsertPersonCommand command, CancellationToken cancellationToken)
    {
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await OrgChart.LockAsync(db, command.OrganizationId, cancellationToken);

            var person = await db.People.SingleOrDefaultAsync(
                p => p.OrganizationId == command.OrganizationId && p.ExternalId == command.ExternalId, cancellationToken);
            if (command.IfMatch is not null && !EntityTag.Matches(command.IfMatch, person?.Version))
            {
                throw new PreconditionFailedException(person is null
                    ? $"If-Match was sent but there is no person {command.ExternalId}."
                    : $"Person {command.ExternalId} has changed since that ETag; read it again.");
            }

            var managerId = await ResolveManagerAsync(command, person, cancellationToken);
            var values = new PersonValues(command.DisplayName!, command.Email, managerId, command.Department, command.Title, command.Active);
            var created = person is null;
            if (person is null)
            {
                OrgChart.Add(db, command.OrganizationId, command.ExternalId, values, clock.GetUtcNow());
            }
            else
            {
                OrgChart.Replace(db, person, values, clock.GetUtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);

            var profile = await PersonProfiles.FindAsync(db, command.OrganizationId, command.ExternalId, cancellationToken);
            return new PersonUpserted(profile!, created);
        }
    }

    private async Task<Guid?> ResolveManagerAsync(UpsertPersonCommand command, Person? person, CancellationToken ct)
    {
        if (command.ManagerExternalId is null)
        {
            return null;
        }

        var managerId = await db.People
            .Where(p => p.OrganizationId == command.OrganizationId && p.ExternalId == command.ManagerExternalId)
            .Select(p => (Guid?)p.Id)
            .SingleOrDefaultAsync(ct)
            ?? throw new RequestValidationException("managerExternalId", $"There is no person {command.ManagerExternalId} in this organization.");

        // A new person manages nobody yet, so only an existing one can close a loop.
        if (person is not null && await OrgChart.ReachesAsync(db, command.OrganizationId, managerId, person.Id, ct))
        {
            throw new RequestValidationException("managerExternalId",
                $"{command.ManagerExternalId} reports (directly or not) to {command.ExternalId}; that would make a manager loop.");
        }

        return managerId;
    }
}
