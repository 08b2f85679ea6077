using System.Text.Json;
using System.Text.RegularExpressions;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Scim;

/// <summary>One page of users by userName, with the total that matched.</summary>
public sealed record ScimUserPage(int TotalResults, int StartIndex, IReadOnlyList<ScimUserRow> Users);

/// <summary><c>startIndex</c> is 1-based (below 1 means 1); <c>count</c> defaults to 100, is capped at 200, and below 0 means 0.</summary>
public sealed record ListScimUsersQuery(Guid OrganizationId, string? Filter, int? StartIndex, int? Count) : IQuery<ScimUserPage>
{
    public const int DefaultCount = 100;
    public const int MaxCount = 200;
}

public sealed partial class ListScimUsersHandler(FeedbackDbContext db) : IQueryHandler<ListScimUsersQuery, ScimUserPage>
{
    // attribute eq "value": the two filters identity providers use to find a user before creating it.
    [GeneratedRegex("""^\s*(?:urn:ietf:params:scim:schemas:core:2\.0:User:)?(userName|externalId)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EqualsFilter();

    public async ValueTask<ScimUserPage> Handle(ListScimUsersQuery query, CancellationToken cancellationToken)
    {
        var startIndex = Math.Max(1, query.StartIndex ?? 1);
        var count = Math.Clamp(query.Count ?? ListScimUsersQuery.DefaultCount, 0, ListScimUsersQuery.MaxCount);

        var people = db.People.AsNoTracking().Where(p => p.OrganizationId == query.OrganizationId);
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            var (attribute, value) = Parse(query.Filter);
            people = attribute.Equals("userName", StringComparison.OrdinalIgnoreCase)
                ? people.Where(p => p.ExternalId == value)
                : people.Where(p => p.ScimExternalId == value);
        }

        var total = await people.CountAsync(cancellationToken);
        var rows = count == 0
            ? []
            : await people.OrderBy(p => p.ExternalId).ThenBy(p => p.Id)
                .Skip(startIndex - 1).Take(count)
                .Select(ScimUserRows.Projection(db))
                .ToListAsync(cancellationToken);
        return new ScimUserPage(total, startIndex, rows);
    }

    private static (string Attribute, string Value) Parse(string filter)
    {
        var match = EqualsFilter().Match(filter);
        if (!match.Success)
        {
            throw ScimException.InvalidFilter("""Only 'userName eq "value"' and 'externalId eq "value"' filters are supported.""");
        }

        try
        {
            return (match.Groups[1].Value, JsonSerializer.Deserialize<string>(match.Groups[2].Value)!);
        }
        catch (JsonException)
        {
            throw ScimException.InvalidFilter("The filter's value is not a valid quoted string.");
        }
    }
}
