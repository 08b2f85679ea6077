using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Benchmarks;

/// <summary>
/// The second limit for sheet submissions: a bare ASP.NET Core endpoint that parses the body and runs the API's own
/// sheet statement through Npgsql, nothing else (no auth, mediator, validation, logging or problem details). The API
/// at ≥ 0.8 × this means the service adds little over the statement it must run. Started as a child process
/// (<c>Feedback.Benchmarks bare ...</c>) so it runs like the API does, in a process of its own.
/// </summary>
internal static class BareEndpoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"bare: missing {name}");
        var organizationId = Guid.Parse(Arg("--organization"));
        await using var dataSource = SheetStatementForBenchmarks.DataSource(Arg("--connection"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Arg("--urls"));
        var app = builder.Build();
        app.MapPut("/bare/{cycleId:guid}/{assignmentId:guid}/leadership", async (Guid cycleId, Guid assignmentId, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var scores = body.RootElement.GetProperty("scores").GetRawText();
            var comment = body.RootElement.TryGetProperty("comment", out var c) ? c.GetString() : null;
            var revision = await SheetStatementForBenchmarks.ExecuteAsync(dataSource, organizationId, cycleId, assignmentId, scores, comment);
            return Results.Json(new { assignmentId, dimension = "leadership", revision });
        });
        await app.RunAsync();
        return 0;
    }
}
