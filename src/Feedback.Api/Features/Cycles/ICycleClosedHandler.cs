namespace Feedback.Api.Features.Cycles;

/// <summary>
/// Runs inside the transaction that closes a cycle, on the request's DbContext: whatever it writes commits with the
/// close or not at all, and a failure here leaves the cycle open. Reports (<c>MaterializeReportsOnClose</c>) and ratings
/// (<c>PurgeSheetRevisionsOnClose</c>) implement it, so cycles need not know about either; the close runs them all.
/// </summary>
public interface ICycleClosedHandler
{
    Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct);
}
