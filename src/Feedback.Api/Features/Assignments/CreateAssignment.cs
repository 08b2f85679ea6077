using System.Text.RegularExpressions;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Cycles;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Assignments;

/// <param name="SubjectExternalId">The person being rated (active).</param>
/// <param name="RaterExternalId">The person rating (active); the same as the subject exactly when relationship is self.</param>
/// <param name="Relationship">self, manager, peer, directReport or other: how the rater relates to the subject.</param>
public sealed record CreateAssignmentRequest(string SubjectExternalId, string RaterExternalId, Relationship? Relationship);

/// <summary>A new assignment. <c>raterToken</c> (fbr_…) is shown only here; hand it to the rater.</summary>
/// <param name="Id">The assignment's id.</param>
/// <param name="CycleId">The cycle.</param>
/// <param name="SubjectExternalId">The person being rated.</param>
/// <param name="RaterExternalId">The person rating.</param>
/// <param name="Relationship">How the rater relates to the subject.</param>
/// <param name="RaterToken">The rater token (fbr_…), shown only in this response.</param>
/// <param name="CreatedAt">When the assignment was made.</param>
/// <param name="RaterUrl">The link to send the rater: the rater page with the token in the URL fragment (never sent to the server).</param>
public sealed record AssignmentCreated(
    Guid Id, Guid CycleId, string SubjectExternalId, string RaterExternalId, Relationship Relationship, string RaterToken,
    string RaterUrl, DateTimeOffset CreatedAt);

public sealed record CreateAssignmentCommand(
    Guid OrganizationId, Guid CycleId, string SubjectExternalId, string RaterExternalId, Relationship? Relationship) : ICommand<AssignmentCreated>;

public sealed partial class CreateAssignmentValidator : AbstractValidator<CreateAssignmentCommand>
{
    public CreateAssignmentValidator()
    {
        RuleFor(c => c.SubjectExternalId).Must(IsExternalId).WithMessage("An externalId is 1–128 characters of A-Z a-z 0-9 . _ @ : -");
        RuleFor(c => c.RaterExternalId).Must(IsExternalId).WithMessage("An externalId is 1–128 characters of A-Z a-z 0-9 . _ @ : -");
        RuleFor(c => c.Relationship).NotNull().WithMessage("relationship is self, manager, peer, directReport or other.");
        RuleFor(c => c.Relationship)
            .Must((c, r) => (r == Relationship.Self) == (c.SubjectExternalId == c.RaterExternalId))
            .When(c => c.Relationship is not null)
            .WithMessage("relationship is self exactly when the rater is the subject.");
    }

    private static bool IsExternalId(string? id) => id is not null && ExternalIdFormat().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._@:-]{1,128}$")]
    private static partial Regex ExternalIdFormat();
}

public sealed class CreateAssignmentHandler(FeedbackDbContext db, TimeProvider clock, PublicUrls urls) : ICommandHandler<CreateAssignmentCommand, AssignmentCreated>
{
    public async ValueTask<AssignmentCreated> Handle(CreateAssignmentCommand command, CancellationToken cancellationToken)
    {
        var org = command.OrganizationId;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // A concurrent close waits for this insert (or we see it closed), so a closed cycle never changes.
        var status = await CycleLocks.ForAssignmentChangeAsync(db, org, command.CycleId, cancellationToken)
            ?? throw FeedbackCycle.CycleNotFound(command.CycleId);
        if (status == CycleStatus.Closed)
        {
            throw new ConflictException(ProblemTypes.CycleClosed, "The cycle is closed; it takes no new assignments.");
        }

        var people = await db.People.AsNoTracking()
            .Where(p => p.OrganizationId == org && (p.ExternalId == command.SubjectExternalId || p.ExternalId == command.RaterExternalId))
            .Select(p => new { p.Id, p.ExternalId, p.Active })
            .ToListAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var subject = Find("subjectExternalId", command.SubjectExternalId);
        var rater = Find("raterExternalId", command.RaterExternalId);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (await db.Assignments.AnyAsync(a => a.OrganizationId == org && a.CycleId == command.CycleId
                && a.SubjectId == subject && a.RaterId == rater, cancellationToken))
        {
            throw new ConflictException(ProblemTypes.Duplicate,
                $"{command.RaterExternalId} already rates {command.SubjectExternalId} in this cycle.");
        }

        var token = TokenFormat.NewRaterToken();
        var assignment = new Assignment
        {
            Id = Ids.New(),
            OrganizationId = org,
            CycleId = command.CycleId,
            SubjectId = subject,
            RaterId = rater,
            Relationship = command.Relationship!.Value,
            TokenHash = TokenFormat.Hash(token),
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new AssignmentCreated(assignment.Id, assignment.CycleId, command.SubjectExternalId, command.RaterExternalId,
            assignment.Relationship, token, urls.RaterUrl(token), assignment.CreatedAt);

        Guid Find(string field, string externalId)
        {
            var person = people.SingleOrDefault(p => p.ExternalId == externalId);
            if (person is null)
            {
                errors[field] = [$"No person '{externalId}'."];
            }
            else if (!person.Active)
            {
                errors[field] = [$"'{externalId}' is not active."];
            }

            return person?.Id ?? Guid.Empty;
        }
    }
}
