using System.Diagnostics;
using Feedback.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>
/// The migration Job's artifact: `dotnet ef migrations bundle` builds an executable that brings an empty database to
/// the latest schema from <c>ConnectionStrings__Feedback</c> alone (as deploy/k8s/migrate-job.yaml runs it), is
/// harmless to run again, and fails with a non-zero exit when the database is unreachable (so the Job retries).
/// </summary>
public sealed class MigrationsBundleTests
{
    [Fact]
    public async Task TheMigrationsBundle_MigratesAnEmptyDatabase_AgainIsANoOp_AndFailsLoudlyWithoutADatabase()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(Path.GetTempPath(), $"feedback-bundle-{Guid.NewGuid():N}");
        var bundle = Path.Combine(folder, "efbundle");
        var server = await TestDatabase.ConnectionStringAsync();
        var database = $"feedback_bundle_{Guid.NewGuid():N}";
        var target = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        try
        {
            // The test assembly's own build of the API (same configuration): no second build of the project.
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            await RunAsync(root, "dotnet", [], "tool", "restore");
            await RunAsync(root, "dotnet", [], "dotnet-ef", "migrations", "bundle", "-p", "src/Feedback.Api", "--context", "FeedbackDbContext",
                "--configuration", configuration, "--no-build", "-o", bundle, "--force");

            await ExecuteAsync(server, $"CREATE DATABASE {database}");
            var first = await RunAsync(folder, bundle, new() { ["ConnectionStrings__Feedback"] = target });

            var options = new DbContextOptionsBuilder<FeedbackDbContext>().UseNpgsql(target).UseSnakeCaseNamingConvention().Options;
            await using (var db = new FeedbackDbContext(options))
            {
                var expected = db.Database.GetMigrations().ToArray();
                Assert.NotEmpty(expected);
                Assert.Equal(expected, await db.Database.GetAppliedMigrationsAsync());
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.All(expected, m => Assert.Contains(m, first));
            }

            var again = await RunAsync(folder, bundle, new() { ["ConnectionStrings__Feedback"] = target });
            Assert.Contains("No migrations were applied", again);

            var unreachable = new NpgsqlConnectionStringBuilder(target) { Port = PostgresTools.FreePort(), Timeout = 2 }.ConnectionString;
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(folder, bundle, new() { ["ConnectionStrings__Feedback"] = unreachable }));
            Assert.Contains("exit code", failure.Message);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            PostgresTools.DeleteFolder(folder);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Feedback.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a program to its end within 10 minutes; returns its output, throws on a non-zero exit.</summary>
    private static async Task<string> RunAsync(string directory, string file, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // No MSBuild nodes or compiler server left running after the build: they would inherit the output pipes and
        // keep them open after the command itself has exited.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The timed wait returns at the exit itself; the untimed ones would also wait for the pipes to close.
        if (!await Task.Run(() => process.WaitForExit(TimeSpan.FromMinutes(10))))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within 10 minutes:\n{output}");
        }

        await Task.Delay(100); // the last lines of output
        lock (output)
        {
            return process.ExitCode == 0
                ? output.ToString()
                : throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)}: exit code {process.ExitCode}\n{output}");
        }
    }
}
