using System.Text;
using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Seeds a cycle with one assignment straight through the DbContext, so the ratings tests do not depend on the
/// cycles endpoints. The cycle asks about the whole default catalog on a 1..5 scale.
/// </summary>
public static class RatingsSeed
{
    public static readonly string[] Leadership =
        DefaultCatalog.Behaviors.Where(b => b.Dimension == Dimension.Leadership).Select(b => b.Key).ToArray();

    public static readonly string[] Management =
        DefaultCatalog.Behaviors.Where(b => b.Dimension == Dimension.Management).Select(b => b.Key).ToArray();

    /// <summary>A cycle in <paramref name="status"/> with one peer assignment; returns it with its rater token.</summary>
    public static async Task<SeededAssignment> AssignmentAsync(this TestOrganization org, CycleStatus status = CycleStatus.Open)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var now = DateTimeOffset.UtcNow;
        var subject = Person(org.Id, "subject", now);
        var rater = Person(org.Id, "rater", now);
        var cycle = new Cycle
        {
            Id = Ids.New(),
            OrganizationId = org.Id,
            Name = "Seeded cycle",
            Status = status,
            CreatedAt = now,
            OpenedAt = status == CycleStatus.Draft ? null : now,
            ClosedAt = status == CycleStatus.Closed ? now : null,
            Behaviors = DefaultCatalog.Behaviors.Select((b, i) => new CycleBehavior
            {
                OrganizationId = org.Id,
                BehaviorKey = b.Key,
                Dimension = b.Dimension,
                Position = i,
            }).ToList(),
        };
        var token = TokenFormat.NewRaterToken();
        var assignment = new Assignment
        {
            Id = Ids.New(),
            OrganizationId = org.Id,
            CycleId = cycle.Id,
            SubjectId = subject.Id,
            RaterId = rater.Id,
            Relationship = Relationship.Peer,
            TokenHash = TokenFormat.Hash(token),
            CreatedAt = now,
        };
        db.AddRange(subject, rater, cycle, assignment);
        await db.SaveChangesAsync();
        return new SeededAssignment(org, cycle.Id, assignment.Id, token);
    }

    private static Person Person(Guid organizationId, string role, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        OrganizationId = organizationId,
        ExternalId = $"{role}-{Guid.NewGuid():N}",
        DisplayName = role,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

public sealed record SeededAssignment(TestOrganization Org, Guid CycleId, Guid AssignmentId, string RaterToken)
{
    public HttpClient Rater => Org.Factory.ClientWithToken(RaterToken);

    public string Url(string dimension) => $"/v1/cycles/{CycleId}/assignments/{AssignmentId}/{dimension}";

    /// <summary>A valid body: every behavior of the dimension scored <paramref name="score"/>.</summary>
    public static Dictionary<string, object?> FullBody(string dimension, int? score = 4, string? comment = null)
    {
        var keys = dimension == "leadership" ? RatingsSeed.Leadership : RatingsSeed.Management;
        return new Dictionary<string, object?>
        {
            ["scores"] = keys.ToDictionary(k => k, _ => (object?)score),
            ["comment"] = comment,
        };
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task SetStatusAsync(CycleStatus status)
    {
        await using var scope = Org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        await db.Cycles.Where(c => c.Id == CycleId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status));
    }

    /// <summary>The stored sheets and history rows of this assignment, straight from the database.</summary>
    public async Task<(List<Sheet> Sheets, List<SheetRevision> History)> StoredAsync()
    {
        await using var scope = Org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var sheets = await db.Sheets.AsNoTracking().Where(s => s.AssignmentId == AssignmentId).ToListAsync();
        var history = await db.SheetRevisions.AsNoTracking().Where(r => r.AssignmentId == AssignmentId)
            .OrderBy(r => r.Dimension).ThenBy(r => r.Revision).ToListAsync();
        return (sheets, history);
    }
}

/// <summary>Waits for a statement to block on a row lock, so race tests hit the race instead of depending on timing.</summary>
public static class LockProbe
{
    public static async Task WaitUntilBlockedAsync(string connectionString, string queryLike)
    {
        await using var probe = new NpgsqlConnection(connectionString);
        await probe.OpenAsync();
        await using var waiting = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE @pattern
            """, probe);
        waiting.Parameters.AddWithValue("pattern", queryLike);
        for (var tries = 0; (long)(await waiting.ExecuteScalarAsync())! == 0; tries++)
        {
            Assert.True(tries < 200, $"no statement like '{queryLike}' ever waited on a lock");
            await Task.Delay(50);
        }
    }
}
