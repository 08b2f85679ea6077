using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Features.People;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Outcomes;

/// <summary>A subject's outcomes for a cycle. A full replacement: an omitted outcome becomes null.</summary>
/// <param name="Productivity">In the HR system's own units (any number from −1e15 to 1e15).</param>
/// <param name="Engagement">In the HR system's own units (any number from −1e15 to 1e15).</param>
/// <param name="Retention">0..1: 0 = left within the period, 1 = stayed, or a probability of staying.</param>
public sealed record RecordOutcomeRequest(double? Productivity = null, double? Engagement = null, double? Retention = null) : IOutcomeFields;

/// <summary>The outcomes recorded for one subject of one cycle.</summary>
public sealed record SubjectOutcome(Guid CycleId, string ExternalId, double? Productivity, double? Engagement, double? Retention);

public sealed record RecordOutcomeCommand(Guid OrganizationId, Guid CycleId, string ExternalId, double? Productivity, double? Engagement, double? Retention)
    : ICommand<SubjectOutcome>, IOutcomeFields;

public sealed class RecordOutcomeValidator : AbstractValidator<RecordOutcomeCommand>
{
    public RecordOutcomeValidator()
    {
        RuleFor(c => c.ExternalId).MustBeExternalId();
        this.AddOutcomeFieldRules();
    }
}

public sealed class RecordOutcomeHandler(FeedbackDbContext db, TimeProvider clock, IOptions<OutcomeOptions> options, ILogger<RecordOutcomeHandler> logger)
    : ICommandHandler<RecordOutcomeCommand, SubjectOutcome>
{
    public async ValueTask<SubjectOutcome> Handle(RecordOutcomeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNowForDatabase();
        await OutcomeRules.EnsureAcceptingAsync(db, command.OrganizationId, command.CycleId, options.Value, now, cancellationToken);
        var subjects = await OutcomeRules.SubjectsAsync(db, command.OrganizationId, command.CycleId, [command.ExternalId], cancellationToken);
        if (!subjects.TryGetValue(command.ExternalId, out var personId))
        {
            throw new NotFoundException($"Person '{command.ExternalId}' is not a subject of cycle {command.CycleId} (no assignment rates them).");
        }

        await OutcomeRules.UpsertAsync(db, command.OrganizationId, command.CycleId, [(personId, command)], now, cancellationToken);
        logger.LogInformation("Recorded outcomes for a subject of cycle {CycleId}", command.CycleId);
        return new SubjectOutcome(command.CycleId, command.ExternalId, command.Productivity, command.Engagement, command.Retention);
    }
}
