using Feedback.Api.Common;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.People;

public sealed record ListPeopleQuery(Guid OrganizationId, string? Department, string? ManagerExternalId, int? Limit, string? Cursor)
    : IQuery<Page<PersonProfile>>;

public sealed class ListPeopleValidator : AbstractValidator<ListPeopleQuery>
{
    public ListPeopleValidator() =>
        RuleFor(q => q.ManagerExternalId).MustBeExternalId().When(q => q.ManagerExternalId is not null);
}

public sealed class ListPeopleHandler(FeedbackDbContext db) : IQueryHandler<ListPeopleQuery, Page<PersonProfile>>
{
    public async ValueTask<Page<PersonProfile>> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        var after = Cursor.Decode(query.Cursor, 1)?[0];
        if (after is not null && !PersonRules.IsExternalId(after))
        {
            throw new RequestValidationException("cursor", "The cursor is not one this list returned.");
        }

        var people = db.People.AsNoTracking().Where(p => p.OrganizationId == query.OrganizationId);
        if (query.Department is not null)
        {
            people = people.Where(p => p.Department == query.Department);
        }

        if (query.ManagerExternalId is not null)
        {
            // An unknown manager simply matches nobody.
            people = people.Where(p => db.People.Any(m =>
                m.OrganizationId == query.OrganizationId && m.Id == p.ManagerId && m.ExternalId == query.ManagerExternalId));
        }

        if (after is not null)
        {
            people = people.Where(p => string.Compare(p.ExternalId, after) > 0);
        }

        var rows = await people
            .OrderBy(p => p.ExternalId)
            .Take(limit + 1)
            .Select(PersonProfiles.Projection(db))
            .ToListAsync(cancellationToken);
        return Cursor.ToPage(rows.Select(r => r.Person).ToList(), limit, p => Cursor.Encode(p.ExternalId));
    }
}
