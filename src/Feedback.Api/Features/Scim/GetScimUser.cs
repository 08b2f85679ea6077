using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;

namespace Feedback.Api.Features.Scim;

public sealed record GetScimUserQuery(Guid OrganizationId, Guid Id) : IQuery<ScimUserRow>;

public sealed class GetScimUserHandler(FeedbackDbContext db) : IQueryHandler<GetScimUserQuery, ScimUserRow>
{
    public async ValueTask<ScimUserRow> Handle(GetScimUserQuery query, CancellationToken cancellationToken) =>
        await ScimUserRows.FindAsync(db, query.OrganizationId, query.Id, cancellationToken)
        ?? throw new NotFoundException($"There is no User {query.Id}.");
}
