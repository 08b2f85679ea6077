using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Behaviors;

/// <summary>A behavior of the organization's catalog.</summary>
/// <param name="Key">Stable id, e.g. <c>active-listening</c>.</param>
/// <param name="Dimension">leadership or management.</param>
/// <param name="Name">Short label shown to raters.</param>
/// <param name="Description">What the behavior looks like, shown to raters.</param>
/// <param name="Retired">Retired behaviors are kept but not offered to new cycles.</param>
public sealed record CatalogBehavior(string Key, Dimension Dimension, string Name, string Description, bool Retired);

public sealed record ListBehaviorsQuery(Guid OrganizationId) : IQuery<IReadOnlyList<CatalogBehavior>>;

public sealed class ListBehaviorsHandler(FeedbackDbContext db) : IQueryHandler<ListBehaviorsQuery, IReadOnlyList<CatalogBehavior>>
{
    public async ValueTask<IReadOnlyList<CatalogBehavior>> Handle(ListBehaviorsQuery query, CancellationToken cancellationToken) =>
        await db.Behaviors.AsNoTracking()
            .Where(b => b.OrganizationId == query.OrganizationId)
            .OrderBy(b => b.Position).ThenBy(b => b.Key)
            .Select(b => new CatalogBehavior(b.Key, b.Dimension, b.Name, b.Description, b.Retired))
            .ToListAsync(cancellationToken);
}
