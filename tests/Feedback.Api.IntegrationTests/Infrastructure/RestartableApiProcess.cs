using System.Collections.Concurrent;
using System.Diagnostics;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API as a separate operating-system process (<c>dotnet Feedback.Api.dll</c> from the build output) on a port of
/// its own, that a test can SIGKILL and start again on the same port (<see cref="ApiProcess"/> starts one for good).
/// </summary>
public sealed class RestartableApiProcess(IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public int Port { get; } = PostgresTools.FreePort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail => string.Join("\n", output.TakeLast(30));

    /// <summary>Starts the process and waits until it listens (it first waits for its database, if that is down).</summary>
    public async Task StartAsync(TimeSpan patience)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServiceProcess.Dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"the API exited ({process.ExitCode}):\n{Tail}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"the API did not listen within {patience}:\n{Tail}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }
    }
}
