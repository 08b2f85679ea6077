using Feedback.Api.Data;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.Scim;

/// <summary>
/// DELETE deactivates, like <c>DELETE /v1/people</c>: ratings by and about the person are kept and a later GET
/// returns the User with active = false. Deleting an inactive User again is a no-op.
/// </summary>
public sealed record DeleteScimUserCommand(Guid OrganizationId, Guid Id, string? IfMatch) : ICommand;

public sealed class DeleteScimUserHandler(FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator)
    : ICommandHandler<DeleteScimUserCommand>
{
    public async ValueTask<Unit> Handle(DeleteScimUserCommand command, CancellationToken cancellationToken)
    {
        await ScimUserStore.ChangeAsync(
            db, clock, validator, command.OrganizationId, command.Id, command.IfMatch, user => user with { Active = false }, cancellationToken);
        return Unit.Value;
    }
}
