using Feedback.Api.Data;
using Feedback.Api.Features.People;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.Scim;

/// <summary>Creates a person; a taken userName is a 409 uniqueness (SCIM POST never replaces).</summary>
public sealed record CreateScimUserCommand(Guid OrganizationId, ScimUserFields Fields) : ICommand<ScimUserRow>;

public sealed class CreateScimUserHandler(FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator)
    : ICommandHandler<CreateScimUserCommand, ScimUserRow>
{
    public async ValueTask<ScimUserRow> Handle(CreateScimUserCommand command, CancellationToken cancellationToken)
    {
        Guid id;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await OrgChart.LockAsync(db, command.OrganizationId, cancellationToken);
            id = await ScimUserStore.SaveAsync(db, clock, validator, command.OrganizationId, null, command.Fields, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        return (await ScimUserRows.FindAsync(db, command.OrganizationId, id, cancellationToken))!;
    }
}
