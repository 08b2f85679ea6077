using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.Webhooks;

/// <param name="Url">Absolute http(s) URL the events are POSTed to. Redirects are not followed.</param>
/// <param name="Events">Any of cycle.opened, cycle.closed, reports.ready, sheet.submitted.</param>
/// <param name="Description">Optional label for people, up to 500 characters.</param>
public sealed record CreateWebhookRequest(string Url, string[] Events, string? Description = null);

/// <summary>A new webhook. <c>secret</c> signs every delivery and is shown only here.</summary>
public sealed record WebhookCreated(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, string Secret, DateTimeOffset CreatedAt);

public sealed record CreateWebhookCommand(Guid OrganizationId, string Url, string[] Events, string? Description) : ICommand<WebhookCreated>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator()
    {
        RuleFor(c => c.Url).NotEmpty().MaximumLength(2048)
            .Must(IsHttpUrl).WithMessage("Give an absolute http or https URL without user info, e.g. https://hr.example.com/hooks/feedback.");
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

public sealed class CreateWebhookHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<CreateWebhookCommand, WebhookCreated>
{
    public async ValueTask<WebhookCreated> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = new WebhookSubscription
        {
            Id = Ids.New(),
            OrganizationId = command.OrganizationId,
            Url = command.Url,
            Events = WebhookEventTypes.All.Where(command.Events.Contains).ToArray(),
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookCreated(subscription.Id, subscription.Url, subscription.Events, subscription.Description,
            subscription.Secret, subscription.CreatedAt);
    }
}
