using System.Diagnostics;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The tools some tests run outside .NET: Debian's Chromium, and axe-core and Redocly's CLI from npm in
/// tests/tools/node_modules. <c>tests/tools/install.sh</c> installs what is missing (CI runs it first; a developer's
/// first <c>dotnet test</c> runs it here), so the README's one test command still works on a fresh machine.
/// </summary>
public static class TestTools
{
    private static readonly Lazy<string> Installed = new(Install);

    public static string RepositoryRoot { get; } = FindRoot();

    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The arguments Debian's Chromium needs here (no sandbox as root, no GPU, no calls home).</summary>
    public static IReadOnlyList<string> ChromiumArgs { get; } = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

    public static string AxeScript => Path.Combine(EnsureInstalled(), "node_modules", "axe-core", "axe.min.js");

    public static string Redocly => Path.Combine(EnsureInstalled(), "node_modules", ".bin", "redocly");

    /// <summary>Where screenshots and other artefacts go: the repository's TestResults/ (git-ignored).</summary>
    public static string ResultsFolder
    {
        get
        {
            var dir = Path.Combine(RepositoryRoot, "TestResults");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string EnsureInstalled() => Installed.Value;

    private static string Install()
    {
        var tools = Path.Combine(RepositoryRoot, "tests", "tools");
        var ready = File.Exists(Chromium)
            && File.Exists(Path.Combine(tools, "node_modules", "axe-core", "axe.min.js"))
            && File.Exists(Path.Combine(tools, "node_modules", ".bin", "redocly"));
        if (!ready)
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(tools, "install.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tests/tools/install.sh failed: {errors.Result}{output.Result}");
            }
        }

        return tools;
    }

    private static string FindRoot()
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
}
