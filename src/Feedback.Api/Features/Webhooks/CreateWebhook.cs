using Feedback.Api.Common;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Webhooks.Targets;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Webhooks;

/// <param name="Url">Absolute https URL the events are POSTed to, on a public address (see the README's SSRF rules).
/// Redirects are not followed.</param>
/// <param name="Events">Any of cycle.opened, cycle.closed, reports.ready, sheet.submitted.</param>
/// <param name="Description">Optional label for people, up to 500 characters.</param>
public sealed record CreateWebhookRequest(string Url, string[] Events, string? Description = null);

/// <summary>A new webhook. <c>secret</c> signs every delivery and is shown only here.</summary>
public sealed record WebhookCreated(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, string Secret, DateTimeOffset CreatedAt);

public sealed record CreateWebhookCommand(Guid OrganizationId, string Url, string[] Events, string? Description) : ICommand<WebhookCreated>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(WebhookTargetPolicy targets)
    {
        RuleFor(c => c.Url).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2048)
            .Must(IsHttpUrl).WithMessage("Give an absolute https URL without user info, e.g. https://hr.example.com/hooks/feedback.")
            .CustomAsync(async (url, context, ct) =>
            {
                if (await targets.ProblemAsync(new Uri(url), ct) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        RuleFor(c => c.Events).NotEmpty().WithMessage("Give at least one event.");
        RuleForEach(c => c.Events).Must(e => WebhookEventTypes.All.Contains(e))
            .WithMessage($"Unknown event; use any of {string.Join(", ", WebhookEventTypes.All)}.");
        RuleFor(c => c.Description).MaximumLength(500);
    }

    internal static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
        && !string.IsNullOrEmpty(uri.Host);
}

public sealed class CreateWebhookHandler(FeedbackDbContext db, SecretProtector protector, IOptions<WebhookOptions> options, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, WebhookCreated>
{
    public async ValueTask<WebhookCreated> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Creations in one organization take turns, so two at once cannot both pass the count below.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM organizations WHERE id = {command.OrganizationId} FOR UPDATE", cancellationToken);
        var max = options.Value.MaxSubscriptionsPerOrganization;
        if (await db.WebhookSubscriptions.CountAsync(s => s.OrganizationId == command.OrganizationId, cancellationToken) >= max)
        {
            throw new ConflictException(ProblemTypes.LimitReached,
                $"The organization already has {max} webhooks, the most it may have; delete one first.");
        }

        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            Id = Ids.New(),
            OrganizationId = command.OrganizationId,
            Url = command.Url,
            Events = WebhookEventTypes.All.Where(command.Events.Contains).ToArray(),
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            ProtectedSecret = protector.ProtectWebhookSecret(secret),
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new WebhookCreated(subscription.Id, subscription.Url, subscription.Events, subscription.Description, secret, subscription.CreatedAt);
    }
}
