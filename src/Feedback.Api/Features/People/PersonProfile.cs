using Feedback.Api.Common.Http;
using System.Linq.Expressions;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.People;

/// <summary>A person as the org chart sees them.</summary>
/// <param name="ExternalId">The HR system's id.</param>
/// <param name="DisplayName">The name shown in reports.</param>
/// <param name="Email">Email address, or null.</param>
/// <param name="ManagerExternalId">The manager's externalId, or null.</param>
/// <param name="Department">Department, or null.</param>
/// <param name="Title">Job title, or null.</param>
/// <param name="Active">False once deactivated; ratings about and by the person are kept.</param>
/// <param name="IsManager">True when the person has at least one active direct report.</param>
/// <param name="DirectReports">The externalIds of the person's active direct reports, sorted.</param>
public sealed record PersonProfile(
    string ExternalId,
    string DisplayName,
    string? Email,
    string? ManagerExternalId,
    string? Department,
    string? Title,
    bool Active,
    bool IsManager,
    IReadOnlyList<string> DirectReports);

/// <summary>A profile with the row version its ETag is made from.</summary>
public sealed record VersionedPersonProfile(PersonProfile Person, uint Version)
{
    public string ETag => EntityTag.Format(Version);
}

internal static class PersonProfiles
{
    /// <summary>One SQL query: the person, their manager's externalId and their active reports.</summary>
    public static Task<VersionedPersonProfile?> FindAsync(FeedbackDbContext db, Guid organizationId, string externalId, CancellationToken ct) =>
        db.People.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.ExternalId == externalId)
            .Select(Projection(db))
            .SingleOrDefaultAsync(ct);

    public static Expression<Func<Person, VersionedPersonProfile>> Projection(FeedbackDbContext db) => p =>
        new VersionedPersonProfile(
            new PersonProfile(
                p.ExternalId,
                p.DisplayName,
                p.Email,
                db.People.Where(m => m.OrganizationId == p.OrganizationId && m.Id == p.ManagerId).Select(m => m.ExternalId).FirstOrDefault(),
                p.Department,
                p.Title,
                p.Active,
                db.People.Any(r => r.OrganizationId == p.OrganizationId && r.ManagerId == p.Id && r.Active),
                db.People.Where(r => r.OrganizationId == p.OrganizationId && r.ManagerId == p.Id && r.Active)
                    .OrderBy(r => r.ExternalId).Select(r => r.ExternalId).ToList()),
            p.Version);
}
