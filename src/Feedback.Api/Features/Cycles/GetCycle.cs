using Feedback.Api.Data;
using Mediator;

namespace Feedback.Api.Features.Cycles;

public sealed record GetCycleQuery(Guid OrganizationId, Guid CycleId) : IQuery<FeedbackCycle>;

public sealed class GetCycleHandler(FeedbackDbContext db) : IQueryHandler<GetCycleQuery, FeedbackCycle>
{
    public async ValueTask<FeedbackCycle> Handle(GetCycleQuery query, CancellationToken cancellationToken) =>
        await FeedbackCycle.LoadAsync(db, query.OrganizationId, query.CycleId, cancellationToken);
}
