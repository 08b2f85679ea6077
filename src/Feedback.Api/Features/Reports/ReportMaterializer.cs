using System.Security.Cryptography;
using System.Text.Json;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// Writes a closing cycle's reports: one <see cref="SubjectReport"/> row per subject and one
/// <see cref="CycleReportSummary"/>. Runs inside the close transaction, so a closed cycle always has its reports and
/// they are computed from the sheets exactly as they stood at close. Three statements whatever the cycle's size:
/// the cycle, every assignment with both sheets and the subject snapshot, and one insert of everything.
/// </summary>
public sealed class ReportMaterializer(FeedbackDbContext db, IOptions<JsonOptions> json, ILogger<ReportMaterializer> logger)
{
    /// <summary>At close, inside the close transaction: the subject snapshot is the org chart now.</summary>
    public Task MaterializeAsync(Guid organizationId, Guid cycleId, CancellationToken ct) =>
        ComputeAndWriteAsync(organizationId, cycleId, keepSnapshot: false, ct);

    /// <summary>
    /// Recomputes a closed cycle's reports under the current <see cref="ReportRules.Version"/>, from its frozen sheets
    /// and the snapshot taken at close, in one transaction under the lock of its summary row (so two instances starting
    /// at once recompute it once). False when there was nothing to do.
    /// </summary>
    public async Task<bool> RecomputeAsync(Guid organizationId, Guid cycleId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await ReportSources.LockRulesVersionAsync(db, organizationId, cycleId, ct) is not int version || version >= ReportRules.Version)
        {
            return false;
        }

        var subjects = await ReportSources.LoadAsync(db, organizationId, cycleId, keepSnapshot: true, ct);
        await ReportSources.DeleteAsync(db, organizationId, cycleId, ct);
        await WriteAsync(organizationId, cycleId, subjects, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Recomputed the reports of cycle {CycleId} from rules version {OldVersion} to {NewVersion}",
            cycleId, version, ReportRules.Version);
        return true;
    }

    private async Task ComputeAndWriteAsync(Guid organizationId, Guid cycleId, bool keepSnapshot, CancellationToken ct) =>
        await WriteAsync(organizationId, cycleId, await ReportSources.LoadAsync(db, organizationId, cycleId, keepSnapshot, ct), ct);

    private async Task WriteAsync(Guid organizationId, Guid cycleId, List<ReportSubjectSource> subjects, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.Id == cycleId)
            .Select(c => new
            {
                c.ScaleMin,
                c.ScaleMax,
                c.AnonymityThreshold,
                Behaviors = c.Behaviors.OrderBy(b => b.Position).Select(b => new { b.BehaviorKey, b.Dimension }).ToList(),
            })
            .SingleAsync(ct);
        var reportCycle = new ReportCycle(cycle.ScaleMin, cycle.ScaleMax, cycle.AnonymityThreshold,
            cycle.Behaviors.Select(b => new CycleBehaviorRef(b.BehaviorKey, b.Dimension)).ToList());

        var orderKey = CommentOrderKey();
        var computed = subjects.Select(s => (Subject: s, Figures: PersonReportCalculator.Compute(reportCycle, s.Raters, orderKey))).ToList();

        var reportable = computed.Where(c => c.Figures.Reportable).ToList();
        var medianLeadership = Quadrants.Median(reportable.Select(c => c.Figures.Others!.Leadership!.Score).ToList());
        var medianManagement = Quadrants.Median(reportable.Select(c => c.Figures.Others!.Management!.Score).ToList());

        var rows = computed.Select(c =>
        {
            Quadrant? quadrant = c.Figures.Reportable
                ? Quadrants.Classify(c.Figures.Others!.Leadership!.Score, c.Figures.Others.Management!.Score, medianLeadership!.Value, medianManagement!.Value)
                : null;
            var f = c.Figures;
            var s = c.Subject;
            var report = new PersonReport(cycleId, cycle.AnonymityThreshold, cycle.ScaleMin, cycle.ScaleMax,
                new ReportSubject(s.ExternalId, s.DisplayName, s.Department, s.IsManager),
                f.Responders, f.Suppressed, f.Others, f.Self, f.SelfVsOthers, f.Groups, f.Behaviors, f.BehaviorsHidden, quadrant, f.Comments);
            var gap = f.Others?.Gap;
            return new SubjectReport
            {
                CycleId = cycleId,
                OrganizationId = organizationId,
                SubjectId = s.SubjectId,
                ExternalId = s.ExternalId,
                DisplayName = s.DisplayName,
                Department = s.Department,
                IsManager = s.IsManager,
                Reportable = f.Reportable,
                Suppressed = f.Suppressed,
                Leadership = f.Others?.Leadership?.Score,
                Management = f.Others?.Management?.Score,
                GapScore = gap?.Score,
                GapN = gap?.N,
                GapSd = gap?.Sd,
                GapCiLow = gap?.Ci95?[0],
                GapCiHigh = gap?.Ci95?[1],
                GapSignificant = gap?.Significant,
                Quadrant = quadrant,
                Report = JsonSerializer.Serialize(report, json.Value.SerializerOptions),
            };
        }).ToList();

        var listed = rows.Where(r => r.Reportable).ToList();
        var gaps = listed.Where(r => r.GapScore is not null).Select(r => r.GapScore!.Value).ToList();
        var summary = new CycleReportSummary
        {
            CycleId = cycleId,
            OrganizationId = organizationId,
            Subjects = rows.Count,
            Reportable = listed.Count,
            MedianLeadership = medianLeadership,
            MedianManagement = medianManagement,
            MeanGap = gaps.Count == 0 ? null : gaps.Average(),
            LeaderAndManager = listed.Count(r => r.Quadrant == Quadrant.LeaderAndManager),
            LeaderOnly = listed.Count(r => r.Quadrant == Quadrant.LeaderOnly),
            ManagerOnly = listed.Count(r => r.Quadrant == Quadrant.ManagerOnly),
            Developing = listed.Count(r => r.Quadrant == Quadrant.Developing),
            ManagersWhoArentLeaders = listed.Count(r => SeedGroups.IsManagerWhoIsntLeader(r.IsManager, r.Quadrant!.Value)),
            LeadersWhoArentManagers = listed.Count(r => SeedGroups.IsLeaderWhoIsntManager(r.IsManager, r.Quadrant!.Value)),
            RulesVersion = ReportRules.Version,
        };

        await ReportSources.WriteAsync(db, rows, summary, ct);
        logger.LogInformation("Materialized reports of cycle {CycleId}: {Subjects} subjects, {Reportable} reportable",
            cycleId, summary.Subjects, summary.Reportable);
    }

    /// <summary>
    /// The key of the comment order (HMAC of each comment's text): random, used once and never stored. The order is
    /// frozen into the materialized reports at close, so it stays stable, yet nobody can predict it or relate it to
    /// submission time or relationship.
    /// </summary>
    internal static byte[] CommentOrderKey() => RandomNumberGenerator.GetBytes(32);
}
