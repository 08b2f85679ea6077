using Feedback.Api.Data;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.Scim;

/// <summary>PUT: a full replacement, as <c>PUT /v1/people</c> (omitted attributes become empty, omitted active = true).</summary>
public sealed record ReplaceScimUserCommand(Guid OrganizationId, Guid Id, ScimUserFields Fields, string? IfMatch) : ICommand<ScimUserRow>;

public sealed class ReplaceScimUserHandler(FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator)
    : ICommandHandler<ReplaceScimUserCommand, ScimUserRow>
{
    public async ValueTask<ScimUserRow> Handle(ReplaceScimUserCommand command, CancellationToken cancellationToken) =>
        await ScimUserStore.ChangeAsync(
            db, clock, validator, command.OrganizationId, command.Id, command.IfMatch, _ => command.Fields, cancellationToken);
}
