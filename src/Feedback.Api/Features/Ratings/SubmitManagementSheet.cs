using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;

namespace Feedback.Api.Features.Ratings;

/// <summary>A rater's management sheet for one assignment: getting work done through others (projects, resources, workflows).</summary>
public sealed record SubmitManagementSheetCommand(Guid OrganizationId, Guid CycleId, Guid AssignmentId, SheetAuthor Author, SheetBody Body)
    : ICommand<SheetSubmitted>;

// No pipeline validator: the contract answers 404/403/409 before any body error, so the body rules
// (SheetRules) run inside SheetSubmission after those checks.
public sealed class SubmitManagementSheetHandler(FeedbackDbContext db, TimeProvider clock)
    : ICommandHandler<SubmitManagementSheetCommand, SheetSubmitted>
{
    public ValueTask<SheetSubmitted> Handle(SubmitManagementSheetCommand command, CancellationToken cancellationToken) =>
        SheetSubmission.SubmitAsync(db, clock, Dimension.Management,
            command.OrganizationId, command.CycleId, command.AssignmentId, command.Author, command.Body, cancellationToken);
}
