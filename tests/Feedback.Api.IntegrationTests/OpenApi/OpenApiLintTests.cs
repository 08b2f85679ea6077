using System.Diagnostics;
using Xunit.Abstractions;

namespace Feedback.Api.IntegrationTests.OpenApi;

/// <summary>The published document, judged by an independent linter: Redocly CLI with the repository's redocly.yaml.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiLintTests(FeedbackApiFactory api, ITestOutputHelper output)
{
    [Fact]
    public async Task RedoclyLintFindsNoErrorAndNoWarning()
    {
        var document = await api.ClientWithToken(null).GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(TestTools.ResultsFolder, "openapi.json");
        await File.WriteAllTextAsync(path, document);

        var start = new ProcessStartInfo(TestTools.Redocly)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestTools.RepositoryRoot,
        };
        foreach (var a in new[] { "lint", path, "--config", Path.Combine(TestTools.RepositoryRoot, "redocly.yaml"), "--format", "stylish" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "redocly lint did not finish in 2 minutes");
        var report = (await stdout) + (await stderr);
        output.WriteLine(report);

        var errors = report.Split('\n').Count(l => l.Contains(" error ", StringComparison.Ordinal));
        var warnings = report.Split('\n').Count(l => l.Contains(" warning ", StringComparison.Ordinal));
        output.WriteLine($"redocly lint: {errors} errors, {warnings} warnings");
        Assert.True(process.ExitCode == 0 && errors == 0 && warnings == 0, report);
        Assert.Contains("Woohoo! Your API description is valid", report);
    }
}
