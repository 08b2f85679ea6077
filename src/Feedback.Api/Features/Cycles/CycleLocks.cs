using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

/// <summary>
/// Every lock taken on a cycle, and why, in one place. Row locks are held to the end of the caller's transaction;
/// each returns the cycle's status (null: no such cycle in the organization).
/// <list type="table">
/// <item><term>open, close</term><description><see cref="ForStatusChangeAsync"/>: <c>FOR NO KEY UPDATE</c> on the
/// cycle row. Two transitions take turns, so of concurrent closes exactly one wins; generate and single assignment
/// creates wait for it (and it for them). <c>NO KEY</c>: the foreign-key checks of concurrent sheet and assignment
/// inserts (<c>FOR KEY SHARE</c>) do not wait for it — with <c>FOR UPDATE</c> a first submission holding the cycle's
/// sheet lock would wait for the close's row lock while the close waits for that submission: a deadlock.</description></item>
/// <item><term>close, in the database</term><description>the <c>cycles_close_waits_for_sheets</c> trigger (migration
/// SheetGuardPerCycleLock) takes the cycle's <b>sheet lock</b>, <c>pg_advisory_xact_lock(hashtextextended('cycle:' || id, 0))</c>,
/// exclusively when the status becomes closed: the close waits for the cycle's in-flight sheet writes, and its
/// materialization reads every sheet that committed.</description></item>
/// <item><term>sheet submission, in the database</term><description>the <c>sheets_check</c> trigger takes the same
/// sheet lock <b>shared</b> (<c>pg_advisory_xact_lock_shared</c>) before it reads the status, so a write either
/// commits before a close or waits for it and then sees the cycle closed (409). Submissions never wait for each other,
/// and a close never delays another cycle's submissions (a lock on the cycle row would be one hot row for all of
/// them; a lock on the sheets table stalled every organization).</description></item>
/// <item><term>generate</term><description><see cref="ForGenerateAsync"/>: <c>FOR NO KEY UPDATE</c>: runs on one
/// cycle take turns, so a second run sees the first's pairs; a close waits for a run (or the run sees it closed).</description></item>
/// <item><term>create one assignment, reissue a rater token</term><description><see cref="ForAssignmentChangeAsync"/>:
/// <c>FOR SHARE</c>: these changes do not wait for each other; a close or a generate run waits for them (a closed
/// cycle takes no new assignment and reissues no token).</description></item>
/// </list>
/// </summary>
internal static class CycleLocks
{
    public static async Task<CycleStatus?> ForStatusChangeAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        Status(await db.Query<string>("cycle.lock-for-status-change",
                $"SELECT status AS \"Value\" FROM cycles WHERE organization_id = {organizationId} AND id = {cycleId} FOR NO KEY UPDATE")
            .ToListAsync(ct));

    public static async Task<CycleStatus?> ForGenerateAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        Status(await db.Query<string>("cycle.lock-for-generate",
                $"SELECT status AS \"Value\" FROM cycles WHERE organization_id = {organizationId} AND id = {cycleId} FOR NO KEY UPDATE")
            .ToListAsync(ct));

    public static async Task<CycleStatus?> ForAssignmentChangeAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, CancellationToken ct) =>
        Status(await db.Query<string>("cycle.lock-for-assignment-change",
                $"SELECT status AS \"Value\" FROM cycles WHERE organization_id = {organizationId} AND id = {cycleId} FOR SHARE")
            .ToListAsync(ct));

    private static CycleStatus? Status(List<string> rows) => rows is [var status] ? Enum.Parse<CycleStatus>(status) : null;
}
