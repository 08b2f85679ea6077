using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using Feedback.Api.Features.People;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <param name="Relationships">Which pairs to make for each subject: <c>self</c> (the subject rates themself), <c>manager</c>
/// (the subject's manager rates them), <c>directReport</c> (each direct report rates them), <c>peer</c> (others with the
/// same manager rate them). Default: all four.</param>
/// <param name="Subjects">The externalIds of the people to be rated (each active). Default: every active person.</param>
/// <param name="MaxPeersPerSubject">At most this many peer raters per subject, existing peer assignments included (0..50, default 4).</param>
/// <param name="MaxAssignmentsPerRater">No rater gets more than this many assignments in the cycle, existing ones included (1..200, default 10).</param>
public sealed record GenerateAssignmentsRequest(
    IReadOnlyList<string>? Relationships, IReadOnlyList<string>? Subjects, int? MaxPeersPerSubject, int? MaxAssignmentsPerRater);

/// <summary>What a generation run did. Tokens are those of the new assignments, shown only here.</summary>
/// <param name="Created">Assignments created by this call.</param>
/// <param name="SkippedExisting">Pairs the org chart asked for that the cycle already had (kept as they are).</param>
/// <param name="Assignments">The new assignments, by subject then rater externalId, each with its rater token.</param>
/// <param name="CappedRaters">Raters who reached maxAssignmentsPerRater, with how many pairs they were left out of.</param>
/// <param name="CappedSubjects">Subjects with more peers than maxPeersPerSubject allowed.</param>
public sealed record AssignmentsGenerated(
    int Created, int SkippedExisting, IReadOnlyList<GeneratedAssignment> Assignments,
    IReadOnlyList<RaterAtCap> CappedRaters, IReadOnlyList<SubjectAtPeerCap> CappedSubjects);

/// <summary>A new assignment; <c>raterToken</c> (fbr_…) is shown only in this response.</summary>
public sealed record GeneratedAssignment(Guid Id, string SubjectExternalId, string RaterExternalId, Relationship Relationship, string RaterToken);

/// <param name="RaterExternalId">The rater at the cap.</param>
/// <param name="Skipped">Pairs the org chart asked for that this rater did not get because of the cap.</param>
public sealed record RaterAtCap(string RaterExternalId, int Skipped);

/// <param name="SubjectExternalId">The subject.</param>
/// <param name="PeersAvailable">Active others with the same manager.</param>
/// <param name="PeersAssigned">Peer raters the subject has in the cycle now (existing and new).</param>
public sealed record SubjectAtPeerCap(string SubjectExternalId, int PeersAvailable, int PeersAssigned);

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

public sealed class GenerateAssignmentsHandler(FeedbackDbContext db, TimeProvider clock)
    : ICommandHandler<GenerateAssignmentsCommand, AssignmentsGenerated>
{
    public async ValueTask<AssignmentsGenerated> Handle(GenerateAssignmentsCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // FOR NO KEY UPDATE: runs on one cycle take turns (so a second run sees the first's pairs), single creates
        // (FOR SHARE) and a close (FOR UPDATE) wait for us, yet foreign-key checks of other inserts do not.
        var status = await db.Database
            .SqlQuery<string>($"SELECT status AS \"Value\" FROM cycles WHERE organization_id = {org} AND id = {command.CycleId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw FeedbackCycle.CycleNotFound(command.CycleId);
        if (status == nameof(CycleStatus.Closed))
        {
            throw new ConflictException(ProblemTypes.CycleClosed, "The cycle is closed; it takes no new assignments.");
        }

        var people = await db.People.AsNoTracking()
            .Where(p => p.OrganizationId == org)
            .Select(p => new OrgChartPerson(p.Id, p.ExternalId, p.ManagerId, p.Active))
            .ToListAsync(cancellationToken);
        var subjectIds = SubjectIds(command.Subjects, people);
        var existing = await db.Assignments.AsNoTracking()
            .Where(a => a.OrganizationId == org && a.CycleId == command.CycleId)
            .Select(a => new ExistingPair(a.SubjectId, a.RaterId, a.Relationship))
            .ToListAsync(cancellationToken);

        var rules = new AssignmentPlanRules(
            (command.Relationships ?? GenerateAssignmentsCommand.Generatable.Keys.ToList())
                .Select(r => GenerateAssignmentsCommand.Generatable[r]).ToHashSet(),
            command.MaxPeersPerSubject ?? GenerateAssignmentsCommand.DefaultMaxPeersPerSubject,
            command.MaxAssignmentsPerRater ?? GenerateAssignmentsCommand.DefaultMaxAssignmentsPerRater);
        var plan = AssignmentPlanner.Plan(people, subjectIds, existing, rules);

        var now = clock.GetUtcNowForDatabase();
        var generated = new List<GeneratedAssignment>(plan.New.Count);
        var rows = new List<Assignment>(plan.New.Count);
        foreach (var pair in plan.New)
        {
            var token = TokenFormat.NewRaterToken();
            var row = new Assignment
            {
                Id = Ids.New(),
                OrganizationId = org,
                CycleId = command.CycleId,
                SubjectId = pair.Subject.Id,
                RaterId = pair.Rater.Id,
                Relationship = pair.Relationship,
                TokenHash = TokenFormat.Hash(token),
                CreatedAt = now,
            };
            rows.Add(row);
            generated.Add(new GeneratedAssignment(row.Id, pair.Subject.ExternalId, pair.Rater.ExternalId, pair.Relationship, token));
        }

        db.Assignments.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        return new AssignmentsGenerated(
            generated.Count,
            plan.SkippedExisting,
            generated,
            plan.CappedRaters.Select(c => new RaterAtCap(c.Rater.ExternalId, c.Skipped)).ToList(),
            plan.CappedSubjects.Select(c => new SubjectAtPeerCap(c.Subject.ExternalId, c.PeersAvailable, c.PeersAssigned)).ToList());
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
