using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;

namespace Feedback.Api.Features.Ratings;

/// <summary>A rater's leadership sheet for one assignment: influence (listening, empathy, vision, trust).</summary>
public sealed record SubmitLeadershipSheetCommand(Guid OrganizationId, Guid CycleId, Guid AssignmentId, SheetAuthor Author, SheetBody Body)
    : ICommand<SheetSubmitted>;

// No pipeline validator: the contract answers 404/403/409 before any body error, so the body rules
// (SheetRules) run inside SheetSubmission after those checks.
public sealed class SubmitLeadershipSheetHandler(FeedbackDbContext db, TimeProvider clock)
    : ICommandHandler<SubmitLeadershipSheetCommand, SheetSubmitted>
{
    public ValueTask<SheetSubmitted> Handle(SubmitLeadershipSheetCommand command, CancellationToken cancellationToken) =>
        SheetSubmission.SubmitAsync(db, clock, Dimension.Leadership,
            command.OrganizationId, command.CycleId, command.AssignmentId, command.Author, command.Body, cancellationToken);
}
