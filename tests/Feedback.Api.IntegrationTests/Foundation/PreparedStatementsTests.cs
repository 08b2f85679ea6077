using Feedback.Api.Data;
using Feedback.Api.Domain;
using Feedback.Api.Features.Ratings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Foundation;

/// <summary>
/// The hot statements are prepared on the connection (PostgreSQL's own view of it, <c>pg_prepared_statements</c>), the
/// rest are not, and a prepared statement whose execution fails leaves the connection sound for the next request (what
/// automatic preparation got wrong: see <see cref="DatabaseConnections"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreparedStatementsTests(FeedbackApiFactory api)
{
    [Fact]
    public async Task TheSheetStatementIsPreparedOnce_AndSurvivesExecutionsPostgreSqlRefuses()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
        await db.Database.OpenConnectionAsync();

        // No such assignment: the foreign key refuses the row (an error while executing).
        var refused = await Assert.ThrowsAsync<PostgresException>(() => SubmitAsync(db, comment: null));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        // A NUL in a text parameter: PostgreSQL refuses it while binding, the case that broke automatic preparation.
        var unbindable = await Assert.ThrowsAsync<PostgresException>(() => SubmitAsync(db, comment: "a\0b"));
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, unbindable.SqlState);
        await Assert.ThrowsAsync<PostgresException>(() => SubmitAsync(db, comment: null));

        // Prepared once on this connection (perhaps by an earlier test: Npgsql keeps it with the connection), as
        // PostgreSQL got it from Npgsql (positional parameters).
        var prepared = await PreparedAsync(db);
        var submit = Assert.Single(prepared, s => s.StartsWith($"-- {PreparedStatements.SheetSubmit}\n", StringComparison.Ordinal));
        Assert.Contains("ON CONFLICT (organization_id, cycle_id, assignment_id, dimension) DO UPDATE", submit, StringComparison.Ordinal);
        // The connection still answers, and an unnamed statement is not prepared.
        Assert.Equal([1], await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync());
        Assert.Equal(prepared, await PreparedAsync(db));
    }

    [Fact]
    public async Task TaggedReportQueriesArePrepared_OnThePrimaryAndTheReportContext_UntaggedOnesAreNot()
    {
        await using var scope = api.Services.CreateAsyncScope();
        foreach (var db in new FeedbackDbContext[]
            { scope.ServiceProvider.GetRequiredService<FeedbackDbContext>(), scope.ServiceProvider.GetRequiredService<FeedbackReadOnlyDbContext>() })
        {
            await db.Database.OpenConnectionAsync();
            var before = await PreparedAsync(db);
            var cycle = Guid.NewGuid();

            await db.Cycles.AsNoTracking().TagWith(PreparedStatements.PersonReport).Where(c => c.Id == cycle).ToListAsync();
            await db.Cycles.AsNoTracking().TagWith("cycles.not-hot").Where(c => c.Id == cycle).ToListAsync();
            await db.Cycles.AsNoTracking().Where(c => c.Id == cycle).ToListAsync();

            var added = (await PreparedAsync(db)).Except(before).ToArray();
            Assert.True(added.Length == 1, string.Join("\n---\n", added));
            Assert.StartsWith($"-- {PreparedStatements.PersonReport}\n", added[0], StringComparison.Ordinal);
        }
    }

    private static Task<List<SubmitSheetHandler.SheetWritten>> SubmitAsync(FeedbackDbContext db, string? comment) =>
        db.ReadAsync(SubmitSheetHandler.Submit, SubmitSheetHandler.SheetWritten.Read, CancellationToken.None,
            SubmitSheetHandler.SubmitParameters(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Dimension.Leadership,
                """{"empathy": 3}""", comment, DateTimeOffset.UtcNow));

    /// <summary>The statements prepared on this context's connection, as PostgreSQL lists them.</summary>
    private static Task<List<string>> PreparedAsync(FeedbackDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements ORDER BY prepare_time").ToListAsync();
}

/// <summary><c>Feedback__PrepareStatements=false</c> (a pooler that cannot keep prepared statements): no context prepares.</summary>
public sealed class PreparationTurnedOffTests(PreparationOffApiFactory api) : IClassFixture<PreparationOffApiFactory>
{
    [Fact]
    public async Task NoContextHasThePreparingInterceptor_AndSheetsStillSubmit()
    {
        await using var scope = api.Services.CreateAsyncScope();
        foreach (var db in new FeedbackDbContext[]
            { scope.ServiceProvider.GetRequiredService<FeedbackDbContext>(), scope.ServiceProvider.GetRequiredService<FeedbackReadOnlyDbContext>() })
        {
            var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
            Assert.DoesNotContain(PreparedStatements.Interceptor, interceptors);
        }

        var seeded = await (await api.CreateOrganizationAsync()).AssignmentAsync();
        Assert.Equal(HttpStatusCode.OK, (await seeded.Rater.PutAsJsonAsync(seeded.Url("leadership"), SeededAssignment.FullBody("leadership"))).StatusCode);
    }
}

public sealed class PreparationOffApiFactory : FeedbackApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:PrepareStatements", "false");
    }
}
