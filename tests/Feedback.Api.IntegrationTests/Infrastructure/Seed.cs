using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Rows tests need before the HTTP API can make them. People go straight into the DbContext until the people
/// endpoints land; swap the body for PUT /v1/people calls then, the signature stays.
/// </summary>
public static class Seed
{
    /// <summary>Active people with display name "Name of {externalId}", managers listed before their reports.</summary>
    public static async Task SeedPeopleAsync(this TestOrganization org, params (string ExternalId, string? Manager)[] people)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var ids = await db.People.Where(p => p.OrganizationId == org.Id).ToDictionaryAsync(p => p.ExternalId, p => p.Id);
        var now = DateTimeOffset.UtcNow;
        foreach (var (externalId, manager) in people)
        {
            var person = new Person
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                ExternalId = externalId,
                DisplayName = $"Name of {externalId}",
                ManagerId = manager is null ? null : ids[manager],
                CreatedAt = now,
                UpdatedAt = now,
            };
            ids[externalId] = person.Id;
            db.People.Add(person);
        }

        await db.SaveChangesAsync();
    }

    public static async Task DeactivatePersonAsync(this TestOrganization org, string externalId)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        var updated = await db.People.Where(p => p.OrganizationId == org.Id && p.ExternalId == externalId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false));
        Assert.Equal(1, updated);
    }

    /// <summary>A current sheet, as the ratings feature will store it (scores as a JSON object).</summary>
    public static async Task SeedSheetAsync(this TestOrganization org, Guid cycleId, Guid assignmentId, Dimension dimension, string scoresJson, string? comment = null)
    {
        await using var scope = org.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        db.Sheets.Add(new Sheet
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            CycleId = cycleId,
            AssignmentId = assignmentId,
            Dimension = dimension,
            Scores = scoresJson,
            Comment = comment,
            Revision = 1,
            SubmittedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
