using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// pg_auto_failover on loopback ports: a monitor, a primary and a synchronous secondary, each a <c>pg_autoctl run</c>
/// keeper of its own. The monitor's health checks are tightened (1 s instead of 5–30 s) so that a killed primary is
/// replaced within seconds. Everything lives in one temp folder and is killed and deleted on dispose, or at exit.
/// </summary>
public sealed class AutoFailoverCluster : IAsyncDisposable
{
    public const string Database = "feedback";
    private const string Autoctl = "/usr/bin/pg_autoctl";

    private readonly string folder;
    private readonly string pgCtl;
    private readonly Dictionary<string, Process> keepers = [];
    private int disposed;

    private AutoFailoverCluster(string folder, string pgCtl)
    {
        this.folder = folder;
        this.pgCtl = pgCtl;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public int MonitorPort { get; } = PostgresTools.FreePort();
    public IReadOnlyDictionary<string, int> NodePorts { get; } = new Dictionary<string, int>
    {
        ["node1"] = PostgresTools.FreePort(),
        ["node2"] = PostgresTools.FreePort(),
    };

    /// <summary>What the API is given: both nodes, and "connect to whichever accepts writes".</summary>
    public string ConnectionString(string hostRecheckSeconds = "2") =>
        $"Host={string.Join(',', NodePorts.Values.Select(p => $"127.0.0.1:{p}"))};Database={Database};Username=postgres;"
        + $"Target Session Attributes=read-write;Timeout=2;Command Timeout=15;Host Recheck Seconds={hostRecheckSeconds}";

    public static async Task<AutoFailoverCluster> StartAsync()
    {
        if (!File.Exists(Autoctl))
        {
            throw new InvalidOperationException(
                "The failover test needs pg_auto_failover: `apt-get install -y postgresql-15-auto-failover` (bash .ci/run does it).");
        }

        // The extension is built for one PostgreSQL major: use that server's pg_ctl.
        var major = Directory.GetFiles("/usr/share/postgresql", "pgautofailover.control", SearchOption.AllDirectories)
            .Select(f => int.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!, CultureInfo.InvariantCulture))
            .Max();
        var pgCtl = Path.Combine(PostgresTools.Bin(major), "pg_ctl");
        await RemoveStaleAsync(pgCtl);
        var cluster = new AutoFailoverCluster(await PostgresTools.NewFolderAsync("feedback-paf"), pgCtl);
        await File.WriteAllTextAsync(Path.Combine(cluster.folder, "owner"), System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            await cluster.CreateAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync()
    {
        await AutoctlAsync("create", "monitor", "--pgdata", Path.Combine(folder, "monitor"), "--pgport", Port(MonitorPort),
            "--hostname", "127.0.0.1", "--listen", "127.0.0.1", "--auth", "trust", "--no-ssl", "--pgctl", pgCtl);
        Run("monitor");
        await WaitAsync("the monitor to accept connections", async () =>
        {
            await using var c = new NpgsqlConnection(Monitor);
            await c.OpenAsync();
            return true;
        });
        await using (var monitor = new NpgsqlConnection(Monitor))
        {
            await monitor.OpenAsync();
            foreach (var (name, value) in new[]
            {
                ("health_check_period", 1000), ("health_check_timeout", 1000), ("health_check_max_retries", 1),
                ("health_check_retry_delay", 500), ("node_considered_unhealthy_timeout", 2000), ("primary_demote_timeout", 2000),
            })
            {
                await using var set = new NpgsqlCommand($"ALTER SYSTEM SET pgautofailover.{name} = {value}", monitor);
                await set.ExecuteNonQueryAsync();
            }

            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", monitor);
            await reload.ExecuteNonQueryAsync();
        }

        foreach (var (node, port) in NodePorts)
        {
            await AutoctlAsync("create", "postgres", "--pgdata", Path.Combine(folder, node), "--pgport", Port(port), "--name", node,
                "--hostname", "127.0.0.1", "--listen", "127.0.0.1", "--auth", "trust", "--no-ssl", "--pgctl", pgCtl,
                "--dbname", Database, "--monitor", $"postgres://autoctl_node@127.0.0.1:{MonitorPort}/pg_auto_failover?sslmode=disable");
            Run(node);
            if (node == "node1")
            {
                await WaitAsync("node1 to run alone", async () => (await StatesAsync()).GetValueOrDefault("node1") == ("single", "single"));
            }
        }

        await WaitAsync("a primary and a secondary", async () =>
        {
            var states = await StatesAsync();
            return states.Values.Order().SequenceEqual([("primary", "primary"), ("secondary", "secondary")]);
        });
    }

    /// <summary>Node name → (reported state, goal state), from the monitor.</summary>
    public async Task<Dictionary<string, (string Reported, string Goal)>> StatesAsync()
    {
        await using var monitor = new NpgsqlConnection(Monitor);
        await monitor.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node", monitor);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, (string, string)>();
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return states;
    }

    public async Task<string> PrimaryAsync() =>
        (await StatesAsync()).Single(s => s.Value.Reported is "primary" or "wait_primary" or "single").Key;

    /// <summary>Kills a node's keeper and its PostgreSQL with SIGKILL, as a machine loss would: nothing is shut down cleanly.</summary>
    public async Task KillAsync(string node)
    {
        await PostgresTools.KillGroupAsync(keepers[node].Id);
        await keepers[node].WaitForExitAsync();
    }

    /// <summary>Waits until <paramref name="node"/> is the writable primary (wait_primary: alone, or primary).</summary>
    public Task WaitUntilPrimaryAsync(string node, TimeSpan timeout) =>
        WaitAsync($"{node} to be promoted", async () => (await StatesAsync())[node] is ("wait_primary" or "primary", "wait_primary" or "primary"), timeout);

    private string Monitor => $"Host=127.0.0.1;Port={MonitorPort};Username=postgres;Database=pg_auto_failover;Pooling=false;Timeout=3";

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private string[] Environment() =>
    [
        $"XDG_CONFIG_HOME={folder}/config", $"XDG_DATA_HOME={folder}/share", $"XDG_RUNTIME_DIR={folder}/run", "PGHOST=127.0.0.1",
    ];

    private Task AutoctlAsync(params string[] args) =>
        PostgresTools.RunAsync("/usr/bin/env", asPostgres: true, [.. Environment(), Autoctl, .. args]);

    private void Run(string node)
    {
        keepers[node] = PostgresTools.StartGroup("/usr/bin/env", asPostgres: true, Path.Combine(folder, $"{node}.log"),
            [.. Environment(), Autoctl, "run", "--pgdata", Path.Combine(folder, node)]);
        File.AppendAllText(Path.Combine(folder, "groups"), keepers[node].Id.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>Clusters of earlier test runs that died before they could clean up (their owner process is gone).</summary>
    private static async Task RemoveStaleAsync(string pgCtl)
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "feedback-paf-*"))
        {
            var owner = Path.Combine(stale, "owner");
            if (File.Exists(owner) && Directory.Exists($"/proc/{File.ReadAllText(owner).Trim()}"))
            {
                continue; // another test run, still going
            }

            await KillAndDeleteAsync(stale, pgCtl);
        }
    }

    private static async Task KillAndDeleteAsync(string folder, string pgCtl)
    {
        var groups = Path.Combine(folder, "groups");
        foreach (var group in File.Exists(groups) ? File.ReadAllLines(groups) : [])
        {
            if (int.TryParse(group, out var id))
            {
                await PostgresTools.KillGroupAsync(id);
            }
        }

        // Any server that outlived its keeper.
        foreach (var data in Directory.GetDirectories(folder).Where(d => File.Exists(Path.Combine(d, "postmaster.pid"))))
        {
            try
            {
                await PostgresTools.RunAsync(pgCtl, asPostgres: true, "-D", data, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
            }
        }

        KillProcessesWorkingIn(folder);
        PostgresTools.DeleteFolder(folder);
    }

    /// <summary>
    /// SIGKILLs every process whose working directory is inside <paramref name="folder"/>: a server's children run in
    /// its data directory, and when the monitor's postmaster died first its health-check worker (which does not watch
    /// for that) and the logger waiting on it were left running after the test, one pair per CI run.
    /// </summary>
    private static void KillProcessesWorkingIn(string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd('/') + "/";
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                if ((new DirectoryInfo(Path.Combine(entry, "cwd")).LinkTarget + "/").StartsWith(root, StringComparison.Ordinal))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
                or System.ComponentModel.Win32Exception)
            {
                // gone in the meantime, or not ours to look at
            }
        }
    }

    private async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or KeyNotFoundException)
            {
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(120)))
            {
                var logs = string.Join('\n', Directory.GetFiles(folder, "*.log").Select(f => $"--- {f}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));
                throw new TimeoutException($"Timed out waiting for {what}; states: {string.Join(", ", (await StatesOrNothingAsync()).Select(s => $"{s.Key}={s.Value}"))}\n{logs}");
            }

            await Task.Delay(250);
        }
    }

    private async Task<Dictionary<string, (string, string)>> StatesOrNothingAsync()
    {
        try
        {
            return await StatesAsync();
        }
        catch (NpgsqlException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await KillAndDeleteAsync(folder, pgCtl);
    }
}
