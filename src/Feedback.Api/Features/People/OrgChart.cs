using Feedback.Api.Common;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.People;

/// <summary>The org-chart fields a full replacement of one person sets (everything but how the person is addressed).</summary>
internal sealed record PersonValues(string DisplayName, string? Email, Guid? ManagerId, string? Department, string? Title, bool Active);

/// <summary>
/// The write rules every single-person write shares (<c>PUT /v1/people</c>, the import, SCIM): one writer per
/// organization at a time, no manager loops, and <c>updatedAt</c> moving only when something changed.
/// </summary>
internal static class OrgChart
{
    /// <summary>
    /// Serializes writes to one organization's org chart for the current transaction, so two concurrent writes
    /// cannot each pass the loop check and together make a loop.
    /// </summary>
    public static Task LockAsync(FeedbackDbContext db, Guid organizationId, CancellationToken ct) =>
        db.ExecuteAsync("people.lock-org-chart", $"SELECT pg_advisory_xact_lock(hashtextextended({"people:" + organizationId}, 0))", ct);

    /// <summary>Whether walking up the manager chain from <paramref name="from"/> (inclusive) reaches <paramref name="target"/>.</summary>
    public static async Task<bool> ReachesAsync(FeedbackDbContext db, Guid organizationId, Guid from, Guid target, CancellationToken ct)
    {
        // UNION (not UNION ALL) stops on a repeated row, so even a corrupt loop cannot recurse forever.
        var hits = await db.Query<int>("people.manager-chain-reaches", $"""
            WITH RECURSIVE chain(id) AS (
                SELECT {from}
                UNION
                SELECT p.manager_id FROM people p JOIN chain c ON p.id = c.id
                WHERE p.organization_id = {organizationId} AND p.manager_id IS NOT NULL
            )
            SELECT 1 AS "Value" FROM chain WHERE id = {target} LIMIT 1
            """).ToListAsync(ct);
        return hits.Count > 0;
    }

    /// <summary>Adds a new person (tracked, not yet saved).</summary>
    public static Person Add(FeedbackDbContext db, Guid organizationId, string externalId, PersonValues values, DateTimeOffset now)
    {
        var person = new Person
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            ExternalId = externalId,
            DisplayName = values.DisplayName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.People.Add(person);
        Apply(person, values);
        return person;
    }

    /// <summary>
    /// Replaces the values of a tracked person. Changes the caller made to the entity before (a new externalId)
    /// count as changes too.
    /// </summary>
    public static Person Replace(FeedbackDbContext db, Person person, PersonValues values, DateTimeOffset now)
    {
        Apply(person, values);
        if (db.Entry(person).State == EntityState.Modified)
        {
            person.UpdatedAt = now;
        }

        return person;
    }

    private static void Apply(Person person, PersonValues values)
    {
        person.DisplayName = values.DisplayName;
        person.Email = values.Email;
        person.ManagerId = values.ManagerId;
        person.Department = values.Department;
        person.Title = values.Title;
        person.Active = values.Active;
    }
}
