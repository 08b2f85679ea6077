using System.Security.Cryptography;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using Feedback.Api.Features.People;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace Feedback.Api.Features.Assignments;

/// <param name="Relationships">Which pairs to make for each subject: <c>self</c> (the subject rates themself), <c>manager</c>
/// (the subject's manager rates them), <c>directReport</c> (each direct report rates them), <c>peer</c> (others with the
/// same manager rate them). Default: all four.</param>
/// <param name="Subjects">The externalIds of the people to be rated (each active). Default: every active person.</param>
/// <param name="MaxPeersPerSubject">At most this many peer raters per subject, existing peer assignments included (0..50, default 4).</param>
/// <param name="MaxAssignmentsPerRater">No rater gets more than this many assignments in the cycle, existing ones included (1..200, default 10).</param>
public sealed record GenerateAssignmentsRequest(
    IReadOnlyList<string>? Relationships = null, IReadOnlyList<string>? Subjects = null,
    int? MaxPeersPerSubject = null, int? MaxAssignmentsPerRater = null);

public sealed record GenerateAssignmentsCommand(
    Guid OrganizationId, Guid CycleId, IReadOnlyList<string>? Relationships, IReadOnlyList<string>? Subjects,
    int? MaxPeersPerSubject, int? MaxAssignmentsPerRater) : ICommand<AssignmentsGenerated>
{
    public const int DefaultMaxPeersPerSubject = 4;
    public const int DefaultMaxAssignmentsPerRater = 10;

    /// <summary>The wire names of the relationships that can be generated ("other" is only ever assigned by hand).</summary>
    public static IReadOnlyDictionary<string, Relationship> Generatable { get; } = new Dictionary<string, Relationship>(StringComparer.Ordinal)
    {
        ["self"] = Relationship.Self,
        ["manager"] = Relationship.Manager,
        ["directReport"] = Relationship.DirectReport,
        ["peer"] = Relationship.Peer,
    };
}

public sealed class GenerateAssignmentsValidator : AbstractValidator<GenerateAssignmentsCommand>
{
    public GenerateAssignmentsValidator()
    {
        RuleFor(c => c.Relationships).NotEmpty().When(c => c.Relationships is not null)
            .WithMessage("Name at least one relationship, or omit the field for all four.");
        RuleForEach(c => c.Relationships)
            .Must(r => r is not null && GenerateAssignmentsCommand.Generatable.ContainsKey(r))
            .WithMessage("Unknown relationship; use self, manager, directReport or peer.");
        RuleFor(c => c.Subjects).NotEmpty().When(c => c.Subjects is not null)
            .WithMessage("Name at least one subject, or omit the field for every active person.");
        RuleForEach(c => c.Subjects).MustBeExternalId();
        RuleFor(c => c.MaxPeersPerSubject).InclusiveBetween(0, 50);
        RuleFor(c => c.MaxAssignmentsPerRater).InclusiveBetween(1, 200);
    }
}

public sealed class GenerateAssignmentsHandler(
    FeedbackDbContext db, TimeProvider clock, PublicUrls urls, IOptions<AssignmentOptions> options, ILogger<GenerateAssignmentsHandler> logger)
    : ICommandHandler<GenerateAssignmentsCommand, AssignmentsGenerated>
{
    public async ValueTask<AssignmentsGenerated> Handle(GenerateAssignmentsCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        await RefreshStalePeopleStatisticsAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // Runs on one cycle take turns (so a second run sees the first's pairs); single creates and a close wait for us.
        var status = await CycleLocks.ForGenerateAsync(db, org, command.CycleId, cancellationToken)
            ?? throw FeedbackCycle.CycleNotFound(command.CycleId);
        if (status == CycleStatus.Closed)
        {
            throw new ConflictException(ProblemTypes.CycleClosed, "The cycle is closed; it takes no new assignments.");
        }

        var people = await OrgChartAroundAsync(org, command.Subjects, cancellationToken);
        var subjectIds = SubjectIds(command.Subjects, people);
        var existing = await ExistingPairsAsync(command, subjectIds, people, cancellationToken);

        var rules = new AssignmentPlanRules(
            (command.Relationships ?? GenerateAssignmentsCommand.Generatable.Keys.ToList())
                .Select(r => GenerateAssignmentsCommand.Generatable[r]).ToHashSet(),
            command.MaxPeersPerSubject ?? GenerateAssignmentsCommand.DefaultMaxPeersPerSubject,
            command.MaxAssignmentsPerRater ?? GenerateAssignmentsCommand.DefaultMaxAssignmentsPerRater);
        var plan = AssignmentPlanner.Plan(people, subjectIds, existing, rules);
        var max = options.Value.MaxNewPerGenerate;
        if (plan.New.Count > max)
        {
            throw new RequestValidationException("subjects",
                $"This call would create {plan.New.Count} assignments, more than the {max} one call may create; "
                + "pass subjects to generate them in batches.");
        }

        var generated = await InsertAsync(command, plan.New, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Generated {Created} assignments in cycle {CycleId} ({Existing} existed, {CappedRaters} raters at the cap)",
            generated.Count, command.CycleId, plan.SkippedExisting, plan.CappedRaters.Count);

        return new AssignmentsGenerated(
            generated.Count,
            plan.SkippedExisting,
            generated,
            plan.CappedRaters.Select(c => new RaterAtCap(c.Rater.ExternalId, c.Skipped)).ToList(),
            plan.CappedSubjects.Select(c => new SubjectAtPeerCap(c.Subject.ExternalId, c.PeersAvailable, c.PeersAssigned)).ToList());
    }

    /// <summary>
    /// The part of the org chart the plan can touch: for named subjects, the subjects, their managers, their direct
    /// reports and their managers' teams (their peers); every person when no subjects are named. A batch of 1,000
    /// subjects in a 100k-person organization reads a few thousand people, not all of them: memory follows the batch,
    /// not the organization.
    /// </summary>
    private async Task<List<OrgChartPerson>> OrgChartAroundAsync(Guid org, IReadOnlyList<string>? named, CancellationToken ct)
    {
        var people = db.People.AsNoTracking().Where(p => p.OrganizationId == org);
        if (named is not null)
        {
            var externalIds = named.Distinct(StringComparer.Ordinal).ToArray();
            var subjects = people.Where(p => externalIds.Contains(p.ExternalId));
            var subjectIds = subjects.Select(s => (Guid?)s.Id);
            var managerIds = subjects.Where(s => s.ManagerId != null).Select(s => s.ManagerId);
            people = people.Where(p => externalIds.Contains(p.ExternalId) || managerIds.Contains(p.Id)
                || subjectIds.Contains(p.ManagerId) || managerIds.Contains(p.ManagerId));
        }

        return await people.Select(p => new OrgChartPerson(p.Id, p.ExternalId, p.ManagerId, p.Active)).ToListAsync(ct);
    }

    /// <summary>
    /// The cycle's assignments the plan needs: those of the subjects (pairs that exist, peers already assigned) and
    /// every assignment of each person it may ask to rate (their load, for the per-rater cap) — all of the cycle's when
    /// the whole org chart was read.
    /// </summary>
    private async Task<List<ExistingPair>> ExistingPairsAsync(
        GenerateAssignmentsCommand command, IReadOnlyCollection<Guid> subjectIds, List<OrgChartPerson> orgChart, CancellationToken ct)
    {
        var assignments = db.Assignments.AsNoTracking()
            .Where(a => a.OrganizationId == command.OrganizationId && a.CycleId == command.CycleId);
        if (command.Subjects is not null)
        {
            var subjects = subjectIds.ToArray();
            var raters = orgChart.Select(p => p.Id).ToArray();
            assignments = assignments.Where(a => subjects.Contains(a.SubjectId) || raters.Contains(a.RaterId));
        }

        return await assignments.Select(a => new ExistingPair(a.SubjectId, a.RaterId, a.Relationship)).ToListAsync(ct);
    }

    /// <summary>
    /// Each new row's two foreign-key checks on people run a plan that every connection caches. Right after a bulk import
    /// the statistics still describe a small table, the cached check is a sequential scan, and 13k rows took 12 s
    /// instead of 1 s. So when people has more than doubled in pages since it was last analyzed, ANALYZE it (it samples at
    /// most 30k rows, ~10 ms, and invalidates those plans everywhere). Outside our transaction, so its lock is brief.
    /// </summary>
    private async Task RefreshStalePeopleStatisticsAsync(CancellationToken ct)
    {
        var stale = await db.Query<bool>("people.statistics-stale", $"""
            SELECT pg_relation_size(c.oid) / current_setting('block_size')::int > 2 * c.relpages + 8 AS "Value"
            FROM pg_class c WHERE c.oid = 'people'::regclass
            """).ToListAsync(ct);
        if (stale is [true])
        {
            await db.ExecuteAsync("people.analyze", $"ANALYZE people", ct);
        }
    }

    /// <summary>
    /// All new rows in one binary COPY (one statement, no per-row round trips); tokens are stored hashed. Until the
    /// response is written the new tokens exist only as their random bytes in one array (32 bytes each), so a run that
    /// creates 650k assignments holds ~20 MB of secrets rather than 650k strings, and the response is serialized
    /// from it row by row (<see cref="GeneratedAssignmentList"/>).
    /// </summary>
    private async Task<GeneratedAssignmentList> InsertAsync(GenerateAssignmentsCommand command, IReadOnlyList<PlannedPair> pairs, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        var ids = new Guid[pairs.Count];
        var secrets = new byte[pairs.Count * TokenFormat.RandomBytes];
        RandomNumberGenerator.Fill(secrets);
        await db.CopyAsync("assignments.copy-generated",
            "COPY assignments (id, organization_id, cycle_id, subject_id, rater_id, relationship, token_hash, created_at) FROM STDIN (FORMAT BINARY)",
            async (copy, ct) =>
            {
                for (var i = 0; i < pairs.Count; i++)
                {
                    var pair = pairs[i];
                    ids[i] = Ids.New();
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(command.OrganizationId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(command.CycleId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(pair.Subject.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(pair.Rater.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(pair.Relationship.ToString(), NpgsqlDbType.Varchar, ct); // the PascalCase name, as EF stores it
                    await copy.WriteAsync(TokenFormat.Hash(GeneratedAssignmentList.Token(secrets, i)), NpgsqlDbType.Bytea, ct);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }, ct);
        return new GeneratedAssignmentList(pairs, ids, secrets, urls);
    }

    /// <summary>The named subjects (400 naming <c>subjects[i]</c> for an unknown or inactive one), or every active person.</summary>
    private static IReadOnlyCollection<Guid> SubjectIds(IReadOnlyList<string>? subjects, List<OrgChartPerson> people)
    {
        if (subjects is null)
        {
            return people.Where(p => p.Active).Select(p => p.Id).ToList();
        }

        var byExternalId = people.ToDictionary(p => p.ExternalId, StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < subjects.Count; i++)
        {
            if (!byExternalId.TryGetValue(subjects[i], out var person))
            {
                errors[$"subjects[{i}]"] = [$"No person '{subjects[i]}'."];
            }
            else if (!person.Active)
            {
                errors[$"subjects[{i}]"] = [$"'{subjects[i]}' is not active."];
            }
            else
            {
                ids.Add(person.Id);
            }
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : ids;
    }
}
