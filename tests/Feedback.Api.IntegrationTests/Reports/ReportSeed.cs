using System.Text.Json.Nodes;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Reports;

/// <summary>A person to seed: managers before their reports.</summary>
public sealed record SeedPerson(string ExternalId, string DisplayName, string? Department = null, string? Manager = null, bool Active = true);

/// <summary>
/// One assignment and its sheets. Scores are positional in the cycle's order of that dimension (see
/// <see cref="ReportSeed.Leadership"/>, <see cref="ReportSeed.Management"/>); a null array = sheet not submitted.
/// </summary>
public sealed record SeedRating(string Subject, string Rater, Relationship Relationship, int?[]? L, int?[]? M, string? LComment = null, string? MComment = null);

/// <summary>
/// Rows the report tests need, written through the DbContext until the people, cycles and ratings endpoints land on
/// this branch; each method keeps its signature when its body switches to HTTP.
/// </summary>
public static class ReportSeed
{
    /// <summary>The report tests' cycle asks 3 leadership behaviors (valid with ≥ 2 scored) and 2 management ones (≥ 1).</summary>
    public static readonly string[] Leadership = ["active-listening", "empathy", "building-trust"];

    public static readonly string[] Management = ["organizing-projects", "directing-workflows"];

    public static async Task SeedPeopleAsync(this TestOrganization org, params SeedPerson[] people)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var ids = await db.People.Where(p => p.OrganizationId == org.Id).ToDictionaryAsync(p => p.ExternalId, p => p.Id);
        var now = DateTimeOffset.UtcNow;
        foreach (var p in people)
        {
            var id = Guid.CreateVersion7();
            db.People.Add(new Person
            {
                Id = id,
                OrganizationId = org.Id,
                ExternalId = p.ExternalId,
                DisplayName = p.DisplayName,
                Department = p.Department,
                ManagerId = p.Manager is null ? null : ids[p.Manager],
                Active = p.Active,
                CreatedAt = now,
                UpdatedAt = now,
            });
            ids[p.ExternalId] = id;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An open cycle over <see cref="Leadership"/> and <see cref="Management"/>, scale 1..5.</summary>
    public static async Task<Guid> CreateOpenCycleAsync(this TestOrganization org, string name, int anonymityThreshold = 3)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var now = DateTimeOffset.UtcNow;
        var cycle = new Cycle
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            Name = name,
            Status = CycleStatus.Open,
            AnonymityThreshold = anonymityThreshold,
            CreatedAt = now,
            OpenedAt = now,
        };
        var keys = Leadership.Select(k => (k, Dimension.Leadership)).Concat(Management.Select(k => (k, Dimension.Management)));
        cycle.Behaviors.AddRange(keys.Select((b, i) => new CycleBehavior
        {
            CycleId = cycle.Id,
            OrganizationId = org.Id,
            BehaviorKey = b.k,
            Dimension = b.Item2,
            Position = i,
        }));
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync();
        return cycle.Id;
    }

    public static async Task RateAsync(this TestOrganization org, Guid cycleId, params SeedRating[] ratings)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var ids = await db.People.Where(p => p.OrganizationId == org.Id).ToDictionaryAsync(p => p.ExternalId, p => p.Id);
        var now = DateTimeOffset.UtcNow;
        foreach (var r in ratings)
        {
            var assignment = new Assignment
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                CycleId = cycleId,
                SubjectId = ids[r.Subject],
                RaterId = ids[r.Rater],
                Relationship = r.Relationship,
                TokenHash = TokenFormat.Hash(TokenFormat.NewRaterToken()),
                CreatedAt = now,
            };
            db.Assignments.Add(assignment);
            AddSheet(db, assignment, Dimension.Leadership, Leadership, r.L, r.LComment, now);
            AddSheet(db, assignment, Dimension.Management, Management, r.M, r.MComment, now);
        }

        await db.SaveChangesAsync();
    }

    private static void AddSheet(FeedbackDbContext db, Assignment a, Dimension dimension, string[] keys, int?[]? scores, string? comment, DateTimeOffset now)
    {
        if (scores is null)
        {
            return;
        }

        var json = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            json[keys[i]] = scores[i];
        }

        db.Sheets.Add(new Sheet
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = a.OrganizationId,
            CycleId = a.CycleId,
            AssignmentId = a.Id,
            Dimension = dimension,
            Scores = json.ToJsonString(),
            Comment = comment,
            Revision = 1,
            SubmittedAt = now,
        });
    }

    /// <summary>Closes the cycle as CloseCycle does: status, closedAt and the materialized reports in one transaction.</summary>
    public static async Task CloseCycleAsync(this TestOrganization org, Guid cycleId)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var cycle = await db.Cycles.SingleAsync(c => c.OrganizationId == org.Id && c.Id == cycleId);
        cycle.Status = CycleStatus.Closed;
        cycle.ClosedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ReportMaterializer>().MaterializeAsync(org.Id, cycleId, CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>A later org-chart edit, as PUT /v1/people would make it.</summary>
    public static async Task EditPersonAsync(this TestOrganization org, string externalId, string displayName, string? department, bool active)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var updated = await db.People.Where(p => p.OrganizationId == org.Id && p.ExternalId == externalId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.DisplayName, displayName)
                .SetProperty(p => p.Department, department)
                .SetProperty(p => p.Active, active));
        Assert.Equal(1, updated);
    }
}
