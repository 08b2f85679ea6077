using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.Data;

/// <summary>
/// Refuses a database that acknowledges commits it may lose: with <c>fsync=off</c> a crash can lose or corrupt
/// committed data, with <c>synchronous_commit=off</c> the last commits before a crash are gone — either way a sheet the
/// API answered 200 for could vanish. Asked through the API's own connection, so per-role, per-database and
/// connection-string settings (<c>Options=-c synchronous_commit=off</c>) count too.
/// </summary>
public static class DurabilityCheck
{
    /// <summary>What is unsafe about the settings the connection sees, or null.</summary>
    public static async Task<string?> ProblemAsync(FeedbackDbContext db, CancellationToken ct)
    {
        var settings = await db.Database
            // Column names as the snake-case convention maps the record's properties.
            .SqlQuery<DurabilitySettings>($"SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit")
            .SingleAsync(ct);
        var unsafeSettings = new List<string>();
        if (settings.Fsync == "off")
        {
            unsafeSettings.Add("fsync=off");
        }

        if (settings.SynchronousCommit == "off")
        {
            unsafeSettings.Add("synchronous_commit=off");
        }

        return unsafeSettings.Count == 0
            ? null
            : $"the database runs with {string.Join(" and ", unsafeSettings)}, so it may lose commits the API has acknowledged; "
                + "turn that off, or set Feedback__AllowUnsafeDurability=true for a throwaway database.";
    }

    /// <summary>Waits up to <paramref name="patience"/> for the database to answer (it may start after the API).</summary>
    public static async Task<string?> ProblemWhenReachableAsync(FeedbackDbContext db, TimeSpan patience, ILogger logger, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                return await ProblemAsync(db, ct);
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("The database does not answer yet ({Reason}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private sealed record DurabilitySettings(string Fsync, string SynchronousCommit);
}

/// <summary>The service must not start; the message is one line for the operator.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
