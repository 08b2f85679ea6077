using Feedback.Api.Common.Http;
using System.Linq.Expressions;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Scim;

/// <summary>A person as SCIM reads them, straight from one SQL query; <see cref="ToScimUser"/> adds the URLs.</summary>
public sealed record ScimUserRow(
    Guid Id,
    string UserName,
    string? ExternalId,
    string DisplayName,
    string? Email,
    string? Title,
    string? Department,
    bool Active,
    Guid? ManagerId,
    string? ManagerDisplayName,
    DateTimeOffset Created,
    DateTimeOffset LastModified,
    uint Version)
{
    public string ETag => EntityTag.Format(Version);

    public ScimUser ToScimUser(string baseUrl) => new(
        ScimProtocol.UserSchemas,
        Id.ToString(),
        ExternalId,
        UserName,
        new ScimName(DisplayName, null, null),
        DisplayName,
        Email is null ? null : [new ScimEmail(Email, "work", true)],
        Title,
        Active,
        new ScimEnterpriseUser(
            Department,
            ManagerId is { } manager ? new ScimManager(manager.ToString(), $"{baseUrl}/Users/{manager}", ManagerDisplayName) : null),
        new ScimMeta("User", Created, LastModified, $"{baseUrl}/Users/{Id}", ETag));
}

internal static class ScimUserRows
{
    public static Task<ScimUserRow?> FindAsync(FeedbackDbContext db, Guid organizationId, Guid id, CancellationToken ct) =>
        db.People.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Id == id)
            .Select(Projection(db))
            .SingleOrDefaultAsync(ct);

    public static Expression<Func<Person, ScimUserRow>> Projection(FeedbackDbContext db) => p => new ScimUserRow(
        p.Id,
        p.ExternalId,
        p.ScimExternalId,
        p.DisplayName,
        p.Email,
        p.Title,
        p.Department,
        p.Active,
        p.ManagerId,
        db.People.Where(m => m.OrganizationId == p.OrganizationId && m.Id == p.ManagerId).Select(m => m.DisplayName).FirstOrDefault(),
        p.CreatedAt,
        p.UpdatedAt,
        p.Version);
}
