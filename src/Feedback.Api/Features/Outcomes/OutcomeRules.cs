using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Outcomes;

/// <summary>The three outcome fields, shared by the single PUT and each import row.</summary>
public interface IOutcomeFields
{
    double? Productivity { get; }
    double? Engagement { get; }
    double? Retention { get; }
}

public static class OutcomeRules
{
    public static void AddOutcomeFieldRules<T>(this AbstractValidator<T> v)
        where T : IOutcomeFields
    {
        v.RuleFor(o => o.Productivity).Must(InRange).WithMessage($"productivity must be a number between -{Limit:0e0} and {Limit:0e0}.");
        v.RuleFor(o => o.Engagement).Must(InRange).WithMessage($"engagement must be a number between -{Limit:0e0} and {Limit:0e0}.");
        v.RuleFor(o => o.Retention)
            .InclusiveBetween(0, 1).WithMessage("retention must be between 0 and 1 (0 = left, 1 = stayed, or a probability of staying).");
    }

    /// <summary>Any unit an HR system uses fits; squares of a million such values still sum to a finite number.</summary>
    public const double Limit = 1e15;

    private static bool InRange(double? value) => value is null || (double.IsFinite(value.Value) && Math.Abs(value.Value) <= Limit);

    /// <summary>
    /// 404 for no such cycle; 409 once <see cref="OutcomeOptions.AcceptFor"/> has passed since the cycle closed.
    /// Outcomes may be recorded in every state before that (draft, open, closed).
    /// </summary>
    public static async Task EnsureAcceptingAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, OutcomeOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.Id == cycleId)
            .Select(c => new { c.ClosedAt })
            .SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"No cycle {cycleId}.");
        if (cycle.ClosedAt is { } closedAt && now > closedAt + options.AcceptFor)
        {
            throw new ConflictException(ProblemTypes.OutcomesNoLongerAccepted,
                $"The cycle closed at {closedAt:O}; outcomes are accepted until {options.AcceptFor.TotalDays:0.###} days after close "
                + "(Feedback__Outcomes__AcceptFor).");
        }
    }

    /// <summary>The cycle's subjects (people with at least one assignment as subject): externalId → person id.</summary>
    public static Task<Dictionary<string, Guid>> SubjectsAsync(FeedbackDbContext db, Guid organizationId, Guid cycleId, IReadOnlyCollection<string>? only, CancellationToken ct)
    {
        var people = db.People.Where(p => p.OrganizationId == organizationId
            && db.Assignments.Any(a => a.OrganizationId == organizationId && a.CycleId == cycleId && a.SubjectId == p.Id));
        if (only is not null)
        {
            people = people.Where(p => only.Contains(p.ExternalId));
        }

        return people.AsNoTracking().ToDictionaryAsync(p => p.ExternalId, p => p.Id, StringComparer.Ordinal, ct);
    }

    /// <summary>Insert or replace the given rows in one statement; returns (created, updated), unchanged rows untouched.</summary>
    public static async Task<(int Created, int Updated)> UpsertAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, IReadOnlyList<(Guid PersonId, IOutcomeFields Values)> rows, DateTimeOffset now, CancellationToken ct)
    {
        var personIds = rows.Select(r => r.PersonId).ToArray();
        var productivity = rows.Select(r => r.Values.Productivity).ToArray();
        var engagement = rows.Select(r => r.Values.Engagement).ToArray();
        var retention = rows.Select(r => r.Values.Retention).ToArray();
        // xmax = 0 only on a freshly inserted row; rows whose values did not change are not written (no RETURNING row).
        var written = await db.Query<bool>("outcomes.upsert", $"""
            INSERT INTO outcomes (organization_id, cycle_id, person_id, productivity, engagement, retention, updated_at)
            SELECT {organizationId}, {cycleId}, t.person_id, t.productivity, t.engagement, t.retention, {now}
            FROM unnest({personIds}, {productivity}, {engagement}, {retention}) AS t(person_id, productivity, engagement, retention)
            ON CONFLICT (organization_id, cycle_id, person_id) DO UPDATE
            SET productivity = excluded.productivity, engagement = excluded.engagement, retention = excluded.retention,
                updated_at = excluded.updated_at
            WHERE (outcomes.productivity, outcomes.engagement, outcomes.retention)
                  IS DISTINCT FROM (excluded.productivity, excluded.engagement, excluded.retention)
            RETURNING (xmax = 0) AS "Value"
            """).ToListAsync(ct);
        var created = written.Count(w => w);
        return (created, written.Count - created);
    }
}
