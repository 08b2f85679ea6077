using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Behaviors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

/// <param name="Name">A label, e.g. "2026 H1" (1–200 characters).</param>
/// <param name="Behaviors">Behavior keys to ask about, in order; at least one per dimension, none retired. Default: every active behavior in catalog order.</param>
/// <param name="ScaleMin">0 or 1 (default 1).</param>
/// <param name="ScaleMax">3..10 (default 5).</param>
/// <param name="AnonymityThreshold">k, 3..10 (default 3): no figure shown comes from fewer than k raters. Not 2: either of
/// two raters could subtract their own answers and read the other's.</param>
public sealed record CreateCycleRequest(
    string Name, string[]? Behaviors = null, int? ScaleMin = null, int? ScaleMax = null, int? AnonymityThreshold = null);

public sealed record CreateCycleCommand(
    Guid OrganizationId, string Name, string[]? Behaviors, int? ScaleMin, int? ScaleMax, int? AnonymityThreshold) : ICommand<FeedbackCycle>;

public sealed class CreateCycleValidator : AbstractValidator<CreateCycleCommand>
{
    public CreateCycleValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.ScaleMin).Must(v => v is null or 0 or 1).WithMessage("scaleMin is 0 or 1.");
        RuleFor(c => c.ScaleMax).InclusiveBetween(3, 10).When(c => c.ScaleMax is not null).WithMessage("scaleMax is between 3 and 10.");
        RuleFor(c => c.AnonymityThreshold).InclusiveBetween(3, 10).When(c => c.AnonymityThreshold is not null)
            .WithMessage("anonymityThreshold is between 3 and 10 (with 2, either rater could subtract their own answers and read the other's).");
        RuleFor(c => c.Behaviors).NotEmpty().When(c => c.Behaviors is not null)
            .WithMessage("List at least one behavior per dimension, or omit behaviors for every active one.");
        RuleFor(c => c.Behaviors).Custom((keys, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (keys?.Length ?? 0); i++)
            {
                var key = keys![i];
                if (key is null || !PutBehaviorValidator.KeyFormat().IsMatch(key))
                {
                    context.AddFailure($"behaviors[{i}]", "Not a behavior key.");
                }
                else if (!seen.Add(key))
                {
                    context.AddFailure($"behaviors[{i}]", $"Behavior '{key}' is listed twice.");
                }
            }
        });
    }
}

public sealed class CreateCycleHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<CreateCycleCommand, FeedbackCycle>
{
    public async ValueTask<FeedbackCycle> Handle(CreateCycleCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // FOR SHARE: nobody changes a behavior's dimension between our read and our commit (see PutBehavior).
        await db.ExecuteAsync("behaviors.lock-catalog-for-share", $"SELECT 1 FROM behaviors WHERE organization_id = {org} FOR SHARE", cancellationToken);
        var catalog = (await db.Behaviors.AsNoTracking().Where(b => b.OrganizationId == org).ToListAsync(cancellationToken))
            .OrderBy(b => b.Position).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();
        var chosen = command.Behaviors is null
            ? catalog.Where(b => !b.Retired).ToList()
            : Choose(command.Behaviors, catalog.ToDictionary(b => b.Key));

        if (!chosen.Any(b => b.Dimension == Dimension.Leadership) || !chosen.Any(b => b.Dimension == Dimension.Management))
        {
            throw new RequestValidationException("behaviors", command.Behaviors is null
                ? "The catalog has no active behavior in one of the dimensions; add one or list behaviors explicitly."
                : "List at least one leadership and one management behavior.");
        }

        var cycle = new Cycle
        {
            Id = Ids.New(),
            OrganizationId = org,
            Name = command.Name.Trim(),
            Status = CycleStatus.Draft,
            ScaleMin = command.ScaleMin ?? 1,
            ScaleMax = command.ScaleMax ?? 5,
            AnonymityThreshold = command.AnonymityThreshold ?? 3,
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        cycle.Behaviors.AddRange(chosen.Select((b, i) => new CycleBehavior
        {
            CycleId = cycle.Id,
            OrganizationId = org,
            BehaviorKey = b.Key,
            Dimension = b.Dimension,
            Position = i,
        }));
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return FeedbackCycle.FromEntity(cycle);
    }

    private static List<Behavior> Choose(string[] keys, Dictionary<string, Behavior> catalog)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = new List<Behavior>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!catalog.TryGetValue(keys[i], out var behavior))
            {
                errors[$"behaviors[{i}]"] = [$"No behavior '{keys[i]}' in the catalog."];
            }
            else if (behavior.Retired)
            {
                errors[$"behaviors[{i}]"] = [$"Behavior '{keys[i]}' is retired."];
            }
            else
            {
                chosen.Add(behavior);
            }
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : chosen;
    }
}
