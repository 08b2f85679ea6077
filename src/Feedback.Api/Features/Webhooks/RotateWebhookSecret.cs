using Feedback.Api.Common;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks;

/// <param name="OverlapSeconds">How long the current secret keeps signing next to the new one, 0..604800 (7 days).
/// Default: the service's <c>Feedback__Webhooks__SecretRotationOverlap</c> (24 h). 0 retires it at once (after a leak).</param>
public sealed record RotateWebhookSecretRequest(int? OverlapSeconds);

/// <summary>The webhook's new signing secret, shown only here.</summary>
/// <param name="Id">The webhook.</param>
/// <param name="Secret">The new secret; deliveries are signed with it from now on.</param>
/// <param name="PreviousSecretExpiresAt">Until then deliveries also carry a signature made with the previous secret
/// (null when it was retired at once).</param>
public sealed record WebhookSecretRotated(Guid Id, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record RotateWebhookSecretCommand(Guid OrganizationId, Guid Id, int? OverlapSeconds) : ICommand<WebhookSecretRotated>;

public sealed class RotateWebhookSecretValidator : AbstractValidator<RotateWebhookSecretCommand>
{
    public RotateWebhookSecretValidator() =>
        RuleFor(c => c.OverlapSeconds).InclusiveBetween(0, (int)WebhookOptions.MaxSecretRotationOverlap.TotalSeconds);
}

/// <summary>
/// A new secret becomes current; the old one keeps signing for the overlap, so receivers can switch without missing
/// an event. At most two secrets sign at once: rotating again during an overlap retires the oldest at once.
/// </summary>
public sealed class RotateWebhookSecretHandler(FeedbackDbContext db, SecretProtector protector, IOptions<WebhookOptions> options, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretRotated>
{
    public async ValueTask<WebhookSecretRotated> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Rotations of one webhook take turns: the second one's "previous" is the first one's new secret.
        var subscription = await db.WebhookSubscriptions
            .FromSql($"SELECT * FROM webhook_subscriptions WHERE organization_id = {command.OrganizationId} AND id = {command.Id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No webhook {command.Id}.");
        var overlap = command.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.SecretRotationOverlap;
        var secret = WebhookSignature.NewSecret();
        var current = subscription.ProtectedSecret
            ?? (subscription.PlaintextSecret is { } clear ? protector.ProtectWebhookSecret(clear) : null);

        subscription.PreviousProtectedSecret = overlap > TimeSpan.Zero ? current : null;
        subscription.PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? clock.GetUtcNowForDatabase() + overlap : null;
        subscription.ProtectedSecret = protector.ProtectWebhookSecret(secret);
        subscription.PlaintextSecret = null;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new WebhookSecretRotated(subscription.Id, secret, subscription.PreviousSecretExpiresAt);
    }
}
