using Feedback.Api.Features.Cycles;

namespace Feedback.Api.Features.Reports;

/// <summary>Closing a cycle materializes its reports, in the close transaction (see <see cref="ReportMaterializer"/>).</summary>
public sealed class MaterializeReportsOnClose(ReportMaterializer materializer) : ICycleClosedHandler
{
    public Task OnCycleClosedAsync(Guid organizationId, Guid cycleId, CancellationToken ct) =>
        materializer.MaterializeAsync(organizationId, cycleId, ct);
}
