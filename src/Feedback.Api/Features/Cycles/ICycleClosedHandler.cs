namespace Feedback.Api.Features.Cycles;

/// <summary>
/// Runs inside the transaction that closes a cycle, on the request's DbContext: whatever it writes commits with the
/// close or not at all, and a failure here leaves the cycle open. Reports implement it
/// (<c>MaterializeReportsOnClose</c>), so cycles need not know about reports.
/// </summary>
public interface ICycleClosedHandler
{
    Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct);
}
