using Feedback.Api.Common;
using Feedback.Api.Data;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.People;

public sealed record GetPersonQuery(Guid OrganizationId, string ExternalId) : IQuery<VersionedPersonProfile>;

public sealed class GetPersonValidator : AbstractValidator<GetPersonQuery>
{
    public GetPersonValidator() => RuleFor(q => q.ExternalId).MustBeExternalId();
}

public sealed class GetPersonHandler(FeedbackDbContext db) : IQueryHandler<GetPersonQuery, VersionedPersonProfile>
{
    public async ValueTask<VersionedPersonProfile> Handle(GetPersonQuery query, CancellationToken cancellationToken) =>
        await PersonProfiles.FindAsync(db, query.OrganizationId, query.ExternalId, cancellationToken)
        ?? throw new NotFoundException($"There is no person {query.ExternalId}.");
}
