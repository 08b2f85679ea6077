using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Data;

/// <summary>Creates organizations (with the default behavior catalog) and their admin keys.</summary>
public sealed class OrganizationProvisioner(FeedbackDbContext db, TimeProvider clock, ILogger<OrganizationProvisioner> logger)
{
    /// <summary>Finds the organization by name or creates it with the default catalog.</summary>
    public async Task<Organization> EnsureOrganizationAsync(string name, CancellationToken ct)
    {
        var existing = await db.Organizations.SingleOrDefaultAsync(o => o.Name == name, ct);
        if (existing is not null)
        {
            return existing;
        }

        var organization = new Organization { Id = Ids.New(), Name = name, CreatedAt = clock.GetUtcNow() };
        db.Organizations.Add(organization);
        db.Behaviors.AddRange(DefaultCatalog.For(organization.Id));
        try
        {
            await db.SaveChangesAsync(ct);
            return organization;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another instance created it at the same moment (replicas starting together): use theirs.
            db.ChangeTracker.Clear();
            return await db.Organizations.SingleAsync(o => o.Name == name, ct);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="key"/> is an admin key of the organization. A key an admin revoked stays revoked (with
    /// a warning): revoking the bootstrap key is how it is retired, and a restart must not bring it back.
    /// </summary>
    public async Task EnsureAdminKeyAsync(Guid organizationId, string key, CancellationToken ct)
    {
        var hash = TokenFormat.Hash(key);
        var existing = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash, ct);
        if (existing is null)
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = Ids.New(),
                OrganizationId = organizationId,
                Name = "bootstrap admin",
                Scopes = [Scopes.Admin],
                KeyHash = hash,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        else if (existing.OrganizationId != organizationId)
        {
            throw new InvalidOperationException("The bootstrap admin key already belongs to another organization.");
        }
        else if (existing.RevokedAt is not null)
        {
            logger.LogWarning("The bootstrap admin key (API key {KeyId}) was revoked on {RevokedAt}; it stays revoked. "
                + "Remove Feedback__Bootstrap__AdminApiKey, or set a new key to bootstrap with", existing.Id, existing.RevokedAt);
            return;
        }
        else
        {
            existing.Scopes = [Scopes.Admin];
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (existing is null
            && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another instance inserted the same key at the same moment (replicas starting together): check theirs.
            db.ChangeTracker.Clear();
            await EnsureAdminKeyAsync(organizationId, key, ct);
        }
    }

    /// <summary>A new organization with a fresh admin key; returns the key (shown once).</summary>
    public async Task<(Organization Organization, string AdminKey)> CreateWithAdminKeyAsync(string name, CancellationToken ct)
    {
        var organization = await EnsureOrganizationAsync(name, ct);
        var key = TokenFormat.NewApiKey();
        await EnsureAdminKeyAsync(organization.Id, key, ct);
        return (organization, key);
    }
}
