using Feedback.Api.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>One operation of the service's published OpenAPI document.</summary>
public sealed record PublishedOperation(string Method, string Path, string OperationId, IReadOnlyList<string> RequestContentTypes)
{
    public bool TakesJson => RequestContentTypes.Contains("application/json");

    public override string ToString() => $"{OperationId} ({Method.ToUpperInvariant()} {Path})";
}

/// <summary>
/// The operations of <c>/openapi/v1.json</c> as the service publishes it, read once per test run from a host that
/// needs no database (the document is built from the endpoints alone), so theories can enumerate them at discovery.
/// </summary>
public static class PublishedOperations
{
    private static readonly Lazy<IReadOnlyList<PublishedOperation>> Operations = new(Read);

    public static IReadOnlyList<PublishedOperation> All => Operations.Value;

    private static IReadOnlyList<PublishedOperation> Read()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Feedback", "Host=127.0.0.1;Port=9;Database=openapi-only;Timeout=1");
            b.UseSetting("Feedback:Webhooks:DispatcherEnabled", "false");
            b.UseSetting("Feedback:DataProtection:KeysDirectory", TestKeyRing.Directory);
            // The start steps that need the database; the document does not.
            b.ConfigureServices(s =>
            {
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RecomputeStaleReports)));
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Feedback.Api.Data.DatabaseStartup)));
            });
        });
        var document = host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json").GetAwaiter().GetResult();
        var operations = new List<PublishedOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "patch" or "delete"))
            {
                var contentTypes = operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
                    ? content.EnumerateObject().Select(c => c.Name).ToList()
                    : [];
                var id = operation.Value.TryGetProperty("operationId", out var operationId) ? operationId.GetString()! : $"{operation.Name} {path.Name}";
                operations.Add(new PublishedOperation(operation.Name, path.Name, id, contentTypes));
            }
        }

        return operations;
    }
}
