using Feedback.Api.Common.Http;
using Feedback.Api.Common;
using Feedback.Api.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.People;

/// <summary>Deactivates a person; their ratings stay and they stay in the org chart, just inactive.</summary>
public sealed record DeactivatePersonCommand(Guid OrganizationId, string ExternalId, string? IfMatch) : ICommand;

public sealed class DeactivatePersonValidator : AbstractValidator<DeactivatePersonCommand>
{
    public DeactivatePersonValidator() => RuleFor(c => c.ExternalId).MustBeExternalId();
}

public sealed class DeactivatePersonHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<DeactivatePersonCommand>
{
    public async ValueTask<Unit> Handle(DeactivatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People
            .Where(p => p.OrganizationId == command.OrganizationId && p.ExternalId == command.ExternalId)
            .Select(p => new { p.Id, p.Active, p.Version })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no person {command.ExternalId}.");
        if (command.IfMatch is not null && !EntityTag.Matches(command.IfMatch, person.Version))
        {
            throw new PreconditionFailedException($"Person {command.ExternalId} has changed since that ETag; read it again.");
        }

        if (!person.Active)
        {
            return Unit.Value; // already inactive: deleting again is a no-op, not a change
        }

        // The version guard makes a concurrent change between the read and the write a 412, not a lost update.
        var updated = await db.People
            .Where(p => p.Id == person.Id && p.Version == person.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false).SetProperty(p => p.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        return updated == 1
            ? Unit.Value
            : throw new PreconditionFailedException($"Person {command.ExternalId} changed while being deactivated; retry.");
    }
}
