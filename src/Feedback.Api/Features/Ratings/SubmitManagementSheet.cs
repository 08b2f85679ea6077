using Feedback.Api.Domain;

namespace Feedback.Api.Features.Ratings;

/// <summary>A rater's management sheet for one assignment: getting work done through others (projects, resources, workflows).</summary>
/// <remarks>Handled by <see cref="SubmitSheetHandler"/>, with the leadership sheet. No pipeline validator: the contract
/// answers 404/403/409 before any body error, so the body rules run in the handler after those checks.</remarks>
public sealed record SubmitManagementSheetCommand(Guid OrganizationId, Guid CycleId, Guid AssignmentId, SheetAuthor Author, SheetBody Body)
    : ISheetSubmission
{
    public Dimension Dimension => Dimension.Management;
}
