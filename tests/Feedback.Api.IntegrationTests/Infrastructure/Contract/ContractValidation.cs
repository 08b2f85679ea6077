using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Feedback.Api.IntegrationTests.Infrastructure.Contract;

/// <summary>A response of the service that its own OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks every response the API sends during the test run against the service's own OpenAPI document, whichever
/// client made the request (HttpClient, the Kiota client, the browser). Outermost in the pipeline, so it also sees
/// what the exception handler, authentication and rate limiter write. A violation fails the request: the in-memory
/// test server rethrows the exception into the test that made it. Every check is counted in
/// TestResults/contract-validation-*.txt (written as the run goes, so a killed test host still leaves the figures).
/// Set FEEDBACK_CONTRACT_VALIDATION=report to count violations without failing (for measuring).
/// </summary>
public sealed class ContractValidationStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path.StartsWithSegments("/openapi") || context.Request.Path.StartsWithSegments("/swagger"))
            {
                await nextMiddleware(context);
                return;
            }

            var original = context.Response.Body;
            await using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            // A client that went away (its request cancelled) reads no response, and the body writer may have stopped
            // midway: there is nothing to check.
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var contract = await ContractViolations.ContractAsync(context.RequestServices);
            var method = context.Request.Method;
            var path = context.Request.Path.Value ?? "/";
            var operation = contract.OperationOf(method, path);
            var problems = contract.Check(method, path, context.Response.StatusCode, context.Response.ContentType, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            var message = ContractViolations.Record(operation, method, path, context.Response.StatusCode, problems);
            if (message is not null && ContractViolations.Enforce && !context.Response.HasStarted)
            {
                throw new ContractViolationException(message);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        next(app);
    };
}

/// <summary>The counts of the run, and the document every factory's host checks against.</summary>
public static class ContractViolations
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<string, int> Violations = new();
    private static readonly ConcurrentDictionary<string, int> Operations = new();
    private static OpenApiContract? contract;
    private static int checkedResponses;
    private static int undocumentedPaths;
    private static int failedResponses;

    public static bool Enforce { get; } = Environment.GetEnvironmentVariable("FEEDBACK_CONTRACT_VALIDATION") != "report";

    /// <summary>One file per test assembly (the client tests run in a process of their own at the same time).</summary>
    public static string SummaryPath => Path.Combine(TestTools.ResultsFolder, $"contract-validation-{TestAssemblyName()}.txt");

    /// <summary>The test host runs with the test assembly's deps file: Feedback.Api.IntegrationTests.deps.json.</summary>
    private static string TestAssemblyName() =>
        (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';')[0] is { Length: > 0 } deps
            ? Path.GetFileName(deps).Replace(".deps.json", "", StringComparison.Ordinal)
            : "tests";

    /// <summary>The document as the service generates it (the same one /openapi/v1.json serves).</summary>
    public static async Task<OpenApiContract> ContractAsync(IServiceProvider services)
    {
        if (contract is not null)
        {
            return contract;
        }

        await Loading.WaitAsync();
        try
        {
            if (contract is null)
            {
                var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1");
                var document = await provider.GetOpenApiDocumentAsync();
                contract = new OpenApiContract(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));
            }

            return contract;
        }
        finally
        {
            Loading.Release();
        }
    }

    /// <summary>Counts one response; returns the violation message, or null when it conforms.</summary>
    public static string? Record(string? operation, string method, string path, int status, IReadOnlyList<string> problems)
    {
        string? message = null;
        lock (Gate)
        {
            if (operation is null)
            {
                undocumentedPaths++;
            }
            else
            {
                checkedResponses++;
                Operations.AddOrUpdate(operation, 1, (_, n) => n + 1);
                if (problems.Count > 0)
                {
                    failedResponses++;
                    message = $"{operation} → {status} ({method} {path}) breaks the OpenAPI document:\n  " + string.Join("\n  ", problems);
                    foreach (var problem in problems)
                    {
                        Violations.AddOrUpdate($"{operation} {status}: {problem}", 1, (_, n) => n + 1);
                    }
                }
            }

            if ((checkedResponses + undocumentedPaths) % 50 == 0 || message is not null)
            {
                WriteSummary();
            }
        }

        return message;
    }

    public static void WriteSummary()
    {
        lock (Gate)
        {
            var lines = new List<string>
            {
                $"responses checked against the OpenAPI document: {checkedResponses}",
                $"operations exercised: {Operations.Count}",
                $"responses to paths the document does not have (health, unknown routes): {undocumentedPaths}",
                $"responses with at least one violation: {failedResponses}",
                $"violations: {Violations.Values.Sum()} ({Violations.Count} distinct)",
            };
            lines.AddRange(Violations.OrderBy(v => v.Key).Select(v => $"  {v.Value,5} × {v.Key.ReplaceLineEndings(" ")}"));
            File.WriteAllLines(SummaryPath, lines);
        }
    }
}
