using System.Diagnostics;
using System.Globalization;

namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>
/// Runs the random organization once for the outside-check tests: people, cycles, assignments and sheets through
/// the HTTP API, every cycle closed, then every person report fetched. Seed: <c>OUTSIDE_CHECK_SEED</c> or a fixed one.
/// </summary>
public sealed class OutsideCheckFixture : IAsyncLifetime
{
    public const int DefaultSeed = 20261201;

    public OutsideCheckApiFactory Factory { get; } = new();

    public OutsideHttp Http { get; private set; } = null!;

    public OutsideScenario Scenario { get; private set; } = null!;

    /// <summary>The fetched person reports by (cycle id, subject externalId).</summary>
    public Dictionary<(string Cycle, string Subject), JsonElement> PersonReports { get; } = [];

    public TimeSpan SetupTime { get; private set; }

    public string Describe => $"outside check (seed {Scenario.Seed}; rerun with OUTSIDE_CHECK_SEED={Scenario.Seed})";

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        await Factory.InitializeAsync();
        Http = new OutsideHttp(Factory.CreateClient());
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OUTSIDE_CHECK_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        Scenario = new OutsideScenario(Http, Factory.AdminKey, seed);
        await Scenario.RunAsync();

        var wanted = Scenario.Cycles.SelectMany(c => c.Reference.People.Keys.Select(subject => (c.Definition.Id, subject))).ToList();
        var fetched = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), JsonElement>();
        await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (w, _) =>
            fetched[w] = await Http.GetAsync(Scenario.ReportsKey, $"/v1/cycles/{w.Id}/reports/people/{w.subject}"));
        foreach (var (key, report) in fetched)
        {
            PersonReports[key] = report;
        }

        SetupTime = clock.Elapsed;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
