using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Webhooks;

/// <summary>Deletes the webhook with its pending deliveries and its delivery log; nothing more is sent to it.</summary>
public sealed record DeleteWebhookCommand(Guid OrganizationId, Guid Id) : ICommand;

public sealed class DeleteWebhookHandler(FeedbackDbContext db) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var deleted = await db.WebhookSubscriptions
            .Where(s => s.OrganizationId == command.OrganizationId && s.Id == command.Id)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Unit.Value : throw new NotFoundException($"No webhook {command.Id}.");
    }
}
