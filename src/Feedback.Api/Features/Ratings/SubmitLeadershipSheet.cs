using Feedback.Api.Domain;

namespace Feedback.Api.Features.Ratings;

/// <summary>A rater's leadership sheet for one assignment: influence (listening, empathy, vision, trust).</summary>
/// <remarks>Handled by <see cref="SubmitSheetHandler"/>, with the management sheet. No pipeline validator: the contract
/// answers 404/403/409 before any body error, so the body rules run in the handler after those checks.</remarks>
public sealed record SubmitLeadershipSheetCommand(Guid OrganizationId, Guid CycleId, Guid AssignmentId, SheetAuthor Author, SheetBody Body)
    : ISheetSubmission
{
    public Dimension Dimension => Dimension.Leadership;
}
