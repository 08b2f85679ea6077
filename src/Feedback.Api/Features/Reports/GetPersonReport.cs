using System.Text.Json;
using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Reports;

/// <summary>A person report with the version it belongs to (the cycle's close), for the ETag.</summary>
public sealed record PersonReportVersion(PersonReport Report, DateTimeOffset ClosedAt);

public sealed record GetPersonReportQuery(Guid OrganizationId, Guid CycleId, string ExternalId) : IQuery<PersonReportVersion>;

public sealed class GetPersonReportHandler(FeedbackReadOnlyDbContext db, IOptions<JsonOptions> json)
    : IQueryHandler<GetPersonReportQuery, PersonReportVersion>
{
    public async ValueTask<PersonReportVersion> Handle(GetPersonReportQuery query, CancellationToken cancellationToken)
    {
        // One statement: the cycle's state and, when the person was a subject, the materialized report.
        var found = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == query.OrganizationId && c.Id == query.CycleId)
            .Select(c => new
            {
                c.Status,
                c.ClosedAt,
                Report = db.SubjectReports
                    .Where(r => r.CycleId == c.Id && r.ExternalId == query.ExternalId)
                    .Select(r => r.Report)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No cycle {query.CycleId}.");
        ReportGuards.EnsureClosed(found.Status, found.ClosedAt);
        if (found.Report is null)
        {
            throw new NotFoundException($"Person '{query.ExternalId}' was not a subject of cycle {query.CycleId}.");
        }

        // Re-serialized on the way out so fields come in the documented order (jsonb reorders object keys).
        var report = JsonSerializer.Deserialize<PersonReport>(found.Report, json.Value.SerializerOptions)!;
        return new PersonReportVersion(report, found.ClosedAt!.Value);
    }
}

internal static class ReportGuards
{
    public static void EnsureClosed(CycleStatus status, DateTimeOffset? closedAt)
    {
        if (status != CycleStatus.Closed || closedAt is null)
        {
            throw new ConflictException(ProblemTypes.CycleNotClosed,
                "Reports exist only for closed cycles; this cycle is " + status.ToString().ToLowerInvariant() + ".");
        }
    }
}
