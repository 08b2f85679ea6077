using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API as its own process (<c>dotnet Feedback.Api.dll</c>, Kestrel on a free loopback port), the way it runs in
/// production: for tests of several instances, of the console log format and of shutdown on SIGTERM.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ApiProcess(Process process, int port, int? metricsPort)
    {
        this.process = process;
        Port = port;
        MetricsPort = metricsPort;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public int? MetricsPort { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything it wrote to stdout and stderr so far, one entry per line.</summary>
    public IReadOnlyList<string> Output => output.ToArray();

    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Starts it (Production environment unless <paramref name="environment"/> says otherwise) and waits until it is ready.</summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, Dictionary<string, string>? environment = null, bool metricsPort = false)
    {
        var port = PostgresTools.FreePort();
        int? metrics = metricsPort ? PostgresTools.FreePort() : null;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory, // the content root: appsettings*.json are copied here
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Feedback.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Feedback"] = connectionString;
        start.Environment["Feedback__MigrateOnStartup"] = "false";
        start.Environment["Feedback__Webhooks__DispatcherEnabled"] = "false"; // the webhook tests know which instances deliver
        start.Environment["Feedback__DataProtection__KeysDirectory"] = TestKeyRing.Directory; // shared by every instance of the run
        start.Environment["Feedback__AllowUnsafeDurability"] = "true"; // the shared test cluster runs with fsync=off
        if (metrics is { } m)
        {
            start.Environment["Feedback__Metrics__Enabled"] = "true";
            start.Environment["Feedback__Metrics__Port"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        var api = new ApiProcess(Process.Start(start)!, port, metrics);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => api.Kill();
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (api.HasExited)
            {
                Assert.Fail($"the API exited during start ({api.process.ExitCode}):\n{string.Join('\n', api.Output)}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                api.Kill();
                Assert.Fail($"the API was not ready within 90 s:\n{string.Join('\n', api.Output)}");
            }

            await Task.Delay(200);
        }
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>SIGTERM, as Kubernetes (or systemd, or docker stop) ends a process.</summary>
    public async Task TerminateAsync() => await PostgresTools.RunAsync("kill", asPostgres: false, "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
    }
}
