namespace Feedback.Api.Features.Cycles;

/// <summary>
/// Runs inside the transaction that closes a cycle, on the request's DbContext: whatever it writes commits with the
/// close or not at all, and a failure here leaves the cycle open.
/// REPORTS HOOK: the reports feature registers an implementation that calls
/// <c>ReportMaterializer.MaterializeAsync(organizationId, cycleId, ct)</c>.
/// </summary>
public interface ICycleClosedHandler
{
    Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct);
}

/// <summary>The default until reports land: nothing to do.</summary>
public sealed class NoOpCycleClosedHandler : ICycleClosedHandler
{
    public Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct) => Task.CompletedTask;
}
