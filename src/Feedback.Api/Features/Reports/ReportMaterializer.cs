using System.Data;
using System.Diagnostics;
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
/// they are computed from the sheets exactly as they stood at close.
/// <para>
/// Memory stays flat whatever the cycle's size: subjects are read, computed and copied into a staging table
/// <see cref="ReportSources.ChunkSize"/> at a time, keeping only each subject's headline figures. A quadrant needs the
/// medians of the whole cycle, so it is set when the staged rows move into <c>subject_reports</c> in one statement at
/// the end; the stored person report carries no quadrant (the person report endpoint takes the row's).
/// </para>
/// </summary>
public sealed class ReportMaterializer(
    FeedbackDbContext db, IServiceScopeFactory scopes, IOptions<JsonOptions> json, ILogger<ReportMaterializer> logger)
{
    /// <summary>What the end of the close needs of each subject once its row is staged.</summary>
    private readonly record struct Headline(Guid SubjectId, bool IsManager, bool Reportable, double? Leadership, double? Management, double? Gap);

    /// <summary>At close, inside the close transaction: the subject snapshot is the org chart now.</summary>
    public Task MaterializeAsync(Guid organizationId, Guid cycleId, CancellationToken ct) =>
        WriteAsync(organizationId, cycleId, keepSnapshot: false, ct);

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

        await WriteAsync(organizationId, cycleId, keepSnapshot: true, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Recomputed the reports of cycle {CycleId} from rules version {OldVersion} to {NewVersion}",
            cycleId, version, ReportRules.Version);
        return true;
    }

    // keepSnapshot: false at close; true on a recompute, where the close's snapshot is kept and the old rows are replaced
    // once every subject is staged.
    private async Task WriteAsync(Guid organizationId, Guid cycleId, bool keepSnapshot, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
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

        var keys = new SheetScores.CycleKeys(reportCycle.Behaviors.Select(b => b.Key).ToList());

        // A pipeline over chunks of subjects on two connections: a second one (a context of its own) reads the next
        // chunk while this one, in the close's transaction, copies the previous chunk's rows into the staging table,
        // and the chunk between them is computed on the thread pool. So PostgreSQL works on two cores at once, not one.
        // The second connection sees exactly the sheets as they stood at close: the close holds the cycle's sheet lock
        // exclusively (every write that got in before it has committed; every later one waits, then finds the cycle
        // closed and is undone), and the reads need nothing this transaction wrote. Its reads share one snapshot
        // (repeatable read), taken by the first of them, after the lock.
        await using var readerScope = scopes.CreateAsyncScope();
        var reader = readerScope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        await using var readerTransaction = await reader.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await ReportSources.PrepareReaderAsync(reader, ct);
        await ReportSources.CreateStagingAsync(db, ct);
        var headlines = new List<Headline>();
        TimeSpan reading = default, computing = default, copying = default;
        async Task<List<ReportSubjectSource>> LoadAsync(Guid after)
        {
            var phase = Stopwatch.GetTimestamp();
            var chunk = await ReportSources.LoadChunkAsync(reader, organizationId, cycleId, keepSnapshot, after, ct);
            reading += Stopwatch.GetElapsedTime(phase);
            return chunk;
        }

        Task<List<SubjectReport>> ComputeAsync(List<ReportSubjectSource> chunk) => Task.Run(() =>
        {
            var phase = Stopwatch.GetTimestamp();
            var rows = chunk.AsParallel().AsOrdered().WithCancellation(ct)
                .Select(s => Row(organizationId, cycleId, reportCycle, keys, s, orderKey))
                .ToList();
            computing += Stopwatch.GetElapsedTime(phase);
            return rows;
        }, ct);

        async Task CopyAsync(List<SubjectReport> rows)
        {
            var phase = Stopwatch.GetTimestamp();
            await ReportSources.CopyToStagingAsync(db, rows, ct);
            copying += Stopwatch.GetElapsedTime(phase);
        }

        var load = LoadAsync(Guid.Empty);
        var copy = Task.CompletedTask;
        try
        {
            for (var chunk = await load; chunk.Count > 0; chunk = await load)
            {
                load = LoadAsync(chunk[^1].SubjectId);
                var rows = await ComputeAsync(chunk);
                await copy;
                headlines.AddRange(rows.Select(r => new Headline(r.SubjectId, r.IsManager, r.Reportable, r.Leadership, r.Management, r.GapScore)));
                copy = CopyAsync(rows);
            }

            await copy;
        }
        finally
        {
            // After a failure, neither connection is left working when its context goes.
            await SettleAsync(load);
            await SettleAsync(copy);
        }

        var reportable = headlines.Where(h => h.Reportable).ToList();
        var medianLeadership = Quadrants.Median(reportable.Select(h => h.Leadership!.Value).ToList());
        var medianManagement = Quadrants.Median(reportable.Select(h => h.Management!.Value).ToList());
        var quadrants = reportable
            .Select(h => Quadrants.Classify(h.Leadership!.Value, h.Management!.Value, medianLeadership!.Value, medianManagement!.Value))
            .ToList();

        var finishing = Stopwatch.GetTimestamp();
        if (keepSnapshot)
        {
            await ReportSources.DeleteAsync(db, organizationId, cycleId, ct);
        }

        await ReportSources.InsertFromStagingAsync(db, reportable.Select(h => h.SubjectId).ToArray(),
            quadrants.Select(q => q.ToString()).ToArray(), ct); // PascalCase, as EF stores enums
        var gaps = reportable.Where(h => h.Gap is not null).Select(h => h.Gap!.Value).ToList();
        var listed = reportable.Zip(quadrants, (h, q) => (h.IsManager, Quadrant: q)).ToList();
        db.CycleReportSummaries.Add(new CycleReportSummary
        {
            CycleId = cycleId,
            OrganizationId = organizationId,
            Subjects = headlines.Count,
            Reportable = reportable.Count,
            MedianLeadership = medianLeadership,
            MedianManagement = medianManagement,
            MeanGap = gaps.Count == 0 ? null : gaps.Average(),
            LeaderAndManager = listed.Count(r => r.Quadrant == Quadrant.LeaderAndManager),
            LeaderOnly = listed.Count(r => r.Quadrant == Quadrant.LeaderOnly),
            ManagerOnly = listed.Count(r => r.Quadrant == Quadrant.ManagerOnly),
            Developing = listed.Count(r => r.Quadrant == Quadrant.Developing),
            ManagersWhoArentLeaders = listed.Count(r => SeedGroups.IsManagerWhoIsntLeader(r.IsManager, r.Quadrant)),
            LeadersWhoArentManagers = listed.Count(r => SeedGroups.IsLeaderWhoIsntManager(r.IsManager, r.Quadrant)),
            RulesVersion = ReportRules.Version,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Materialized reports of cycle {CycleId}: {Subjects} subjects, {Reportable} reportable, in {ElapsedMs:0} ms "
            + "(reading {ReadingMs:0}, computing {ComputingMs:0} alongside, copying {CopyingMs:0}, inserting {InsertingMs:0})",
            cycleId, headlines.Count, reportable.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reading.TotalMilliseconds,
            computing.TotalMilliseconds, copying.TotalMilliseconds, Stopwatch.GetElapsedTime(finishing).TotalMilliseconds);
    }

    // Waits for a task of a pipeline that already failed; the failure that ended it is the one thrown.
    private static async Task SettleAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
        }
    }

    /// <summary>One subject's row and person report (without its quadrant, which needs the whole cycle).</summary>
    private SubjectReport Row(Guid organizationId, Guid cycleId, ReportCycle cycle, SheetScores.CycleKeys keys, ReportSubjectSource s, byte[] orderKey)
    {
        var f = PersonReportCalculator.Compute(cycle, s.Raters.ConvertAll(r => r.ToInput(keys)), orderKey);
        var report = new PersonReport(cycleId, cycle.AnonymityThreshold, cycle.ScaleMin, cycle.ScaleMax,
            new ReportSubject(s.ExternalId, s.DisplayName, s.Department, s.IsManager),
            f.Responders, f.Suppressed, f.Others, f.Self, f.SelfVsOthers, f.Groups, f.Behaviors, f.BehaviorsHidden, Quadrant: null, f.Comments);
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
            ManagerExternalId = s.ManagerExternalId,
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
            Report = JsonSerializer.Serialize(report, json.Value.SerializerOptions),
        };
    }

    /// <summary>
    /// The key of the comment order (HMAC of each comment's text): random, used once and never stored. The order is
    /// frozen into the materialized reports at close, so it stays stable, yet nobody can predict it or relate it to
    /// submission time or relationship.
    /// </summary>
    internal static byte[] CommentOrderKey() => RandomNumberGenerator.GetBytes(32);
}
