using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Feedback.Benchmarks;

/// <summary>
/// The Feedback API as a separate process (Release build, production environment, logging as shipped, rate limits
/// off), bootstrapped with a fresh organization and admin key. Samples its resident memory every 100 ms.
/// </summary>
internal sealed class ApiInstance : IAsyncDisposable
{
    private readonly Process process;
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;
    private long peakKb;
    private long phasePeakKb;

    private ApiInstance(Process process, string url, string adminKey, string logFile)
    {
        this.process = process;
        Url = url;
        AdminKey = adminKey;
        LogFile = logFile;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMinutes(15),
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        sampler = SampleAsync(sampling.Token);
    }

    public string Url { get; }

    public string AdminKey { get; }

    public string LogFile { get; }

    public HttpClient Http { get; }

    public int ProcessId => process.Id;

    /// <summary>Peak resident memory since start (the kernel's high-water mark, in MB).</summary>
    public double PeakRssMb => Math.Max(ReadStatusKb("VmHWM:"), Interlocked.Read(ref peakKb)) / 1024.0;

    /// <summary>Peak resident memory since the last <see cref="ResetPhasePeak"/> (sampled, MB).</summary>
    public double PhasePeakRssMb => Interlocked.Read(ref phasePeakKb) / 1024.0;

    public double RssMb => ReadStatusKb("VmRSS:") / 1024.0;

    public void ResetPhasePeak() => Interlocked.Exchange(ref phasePeakKb, ReadStatusKb("VmRSS:"));

    /// <summary>Builds the API of the checkout at <paramref name="sourceRoot"/> in Release into <paramref name="output"/>.</summary>
    public static async Task<string> BuildAsync(string sourceRoot, string output, CancellationToken ct)
    {
        var project = Path.Combine(sourceRoot, "src", "Feedback.Api", "Feedback.Api.csproj");
        if (!File.Exists(project))
        {
            throw new InvalidOperationException($"no API project at {project}");
        }

        await Shell.RunAsync("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q", "-clp:ErrorsOnly"], ct,
            workingDirectory: sourceRoot);
        return Path.Combine(output, "Feedback.Api.dll");
    }

    public static async Task<ApiInstance> StartAsync(string dll, string connectionString, int port, string organizationName, string logFile,
        CancellationToken ct)
    {
        var adminKey = "fbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var url = $"http://127.0.0.1:{port}";
        var start = Shell.Start("dotnet", [dll, "--urls", url, "--contentRoot", Path.GetDirectoryName(dll)!], environment: new Dictionary<string, string>
        {
            ["ConnectionStrings__Feedback"] = connectionString,
            ["Feedback__MigrateOnStartup"] = "true",
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
            ["Feedback__Bootstrap__OrganizationName"] = organizationName,
            ["Feedback__RateLimits__Enabled"] = "false",
            ["Feedback__SwaggerUi"] = "false",
            ["Feedback__Webhooks__DispatcherEnabled"] = "false",
            // Production needs a key ring outside the database (secrets at rest): one beside the logs, for this run.
            ["Feedback__DataProtection__KeysDirectory"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logFile))!, "keys"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiInstance(process, url, adminKey, logFile);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync($"{url}/health/ready", ct)).IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(500, ct);
        }

        await api.DisposeAsync();
        throw new InvalidOperationException($"the API did not become ready; see {logFile}:\n{Shell.Tail(await File.ReadAllTextAsync(logFile, ct), 30)}");
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var kb = ReadStatusKb("VmRSS:");
                InterlockedMax(ref peakKb, kb);
                InterlockedMax(ref phasePeakKb, kb);
                await Task.Delay(100, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private long ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await sampling.CancelAsync();
        await sampler;
        Http.Dispose();
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM first (graceful shutdown), then kill.
                Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(5000);
                if (!process.WaitForExit(15_000))
                {
                    Shell.Kill(process);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        sampling.Dispose();
    }
}
