using System.Text.Json.Nodes;
using Feedback.Api.Data;
using Feedback.Api.Domain;
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
/// What the report tests build: cycles, assignments and the close go through the API; people and sheets go straight
/// into the DbContext until the people and ratings endpoints land on this branch (each method keeps its signature
/// when its body switches to HTTP).
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

    /// <summary>An open cycle over <see cref="Leadership"/> and <see cref="Management"/>, scale 1..5, made through the API.</summary>
    public static async Task<Guid> CreateOpenCycleAsync(this TestOrganization org, string name, int anonymityThreshold = 3)
    {
        var cycleId = await org.CreateCycleAsync(new { name, behaviors = Leadership.Concat(Management).ToArray(), anonymityThreshold });
        await org.TransitionAsync(cycleId, "open");
        return cycleId;
    }

    /// <summary>Assignments through the API; their sheets through the DbContext until the ratings endpoints land here.</summary>
    public static async Task RateAsync(this TestOrganization org, Guid cycleId, params SeedRating[] ratings)
    {
        var assignments = new List<(SeedRating Rating, Guid Id)>();
        foreach (var r in ratings)
        {
            var (id, _) = await org.AssignAsync(cycleId, r.Subject, r.Rater, JsonNamingPolicy.CamelCase.ConvertName(r.Relationship.ToString()));
            assignments.Add((r, id));
        }

        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (r, id) in assignments)
        {
            var assignment = new Assignment { Id = id, OrganizationId = org.Id, CycleId = cycleId, TokenHash = [] };
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

    /// <summary>POST /close: the status change and the materialized reports commit together.</summary>
    public static Task CloseCycleAsync(this TestOrganization org, Guid cycleId) => org.TransitionAsync(cycleId, "close");

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
