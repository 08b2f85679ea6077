using System.Diagnostics;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>The API as a real process, started from the test's build output.</summary>
public static class ServiceProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Feedback.Api.dll");

    /// <summary>Runs <c>dotnet Feedback.Api.dll</c> with <paramref name="environment"/> and asserts it exits 1 with one
    /// line on stderr naming <paramref name="named"/>, never showing <paramref name="secret"/>.</summary>
    public static async Task AssertStopsWithOneLineAsync(string named, string secret, Dictionary<string, string> environment)
    {
        var dll = Dll;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // Required outside Development; a test that is about it sets it itself (to "" to leave it out).
        if (!environment.ContainsKey("Feedback__DataProtection__KeysDirectory"))
        {
            start.Environment["Feedback__DataProtection__KeysDirectory"] = TestKeyRing.Directory;
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // drained, so a chatty start never blocks on a full pipe
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string stderr;
        try
        {
            // A service that wrongly starts never closes stderr: the timeout fails the test instead of hanging it.
            stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("feedback: ", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain(secret, stderr);
    }
}
