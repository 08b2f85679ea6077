using System.Text.RegularExpressions;
using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Behaviors;

/// <param name="Dimension">leadership or management. Fixed once any cycle uses the behavior.</param>
/// <param name="Name">Short label shown to raters (1–200 characters).</param>
/// <param name="Description">What the behavior looks like (1–2,000 characters).</param>
public sealed record PutBehaviorRequest(Dimension? Dimension, string Name, string Description);

public sealed record PutBehaviorCommand(Guid OrganizationId, string Key, Dimension? Dimension, string Name, string Description, string? IfMatch = null)
    : ICommand<(CatalogBehavior Behavior, bool Created, string ETag)>;

public sealed partial class PutBehaviorValidator : AbstractValidator<PutBehaviorCommand>
{
    public PutBehaviorValidator()
    {
        RuleFor(c => c.Key).Must(k => KeyFormat().IsMatch(k))
            .WithMessage("A behavior key is 1–64 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        RuleFor(c => c.Dimension).NotNull().WithMessage("dimension is leadership or management.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).NotEmpty().MaximumLength(2000);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    internal static partial Regex KeyFormat();
}

public sealed class PutBehaviorHandler(FeedbackDbContext db) : ICommandHandler<PutBehaviorCommand, (CatalogBehavior Behavior, bool Created, string ETag)>
{
    public async ValueTask<(CatalogBehavior Behavior, bool Created, string ETag)> Handle(PutBehaviorCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        var dimension = command.Dimension!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // FOR UPDATE: a cycle being created holds the catalog FOR SHARE, so "is it used?" cannot change under us.
        await db.ExecuteAsync("behavior.lock-for-update",
            $"SELECT 1 FROM behaviors WHERE organization_id = {org} AND key = {command.Key} FOR UPDATE", cancellationToken);
        var behavior = await db.Behaviors.SingleOrDefaultAsync(b => b.OrganizationId == org && b.Key == command.Key, cancellationToken);
        if (!EntityTag.Matches(command.IfMatch, behavior?.Version))
        {
            throw new PreconditionFailedException($"Behavior '{command.Key}' is not at the version If-Match names; read it again.");
        }

        var created = behavior is null;
        if (behavior is null)
        {
            var position = await db.Behaviors.Where(b => b.OrganizationId == org).MaxAsync(b => (int?)b.Position, cancellationToken) ?? -1;
            behavior = new Behavior
            {
                OrganizationId = org,
                Key = command.Key,
                Name = "",
                Description = "",
                Position = position + 1,
            };
            db.Behaviors.Add(behavior);
        }
        else if (behavior.Dimension != dimension
            && await db.CycleBehaviors.AnyAsync(cb => cb.OrganizationId == org && cb.BehaviorKey == command.Key, cancellationToken))
        {
            throw new ConflictException(ProblemTypes.BehaviorInUse,
                $"Behavior '{command.Key}' is used by a cycle, so its dimension stays {behavior.Dimension.ToString().ToLowerInvariant()}; "
                + "create a new behavior for the other dimension instead.");
        }

        behavior.Dimension = dimension;
        behavior.Name = command.Name.Trim();
        behavior.Description = command.Description.Trim();
        behavior.Retired = false;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (new CatalogBehavior(behavior.Key, behavior.Dimension, behavior.Name, behavior.Description, behavior.Retired), created,
            EntityTag.Format(behavior.Version));
    }
}
