using Feedback.Api;
using Feedback.Api.Common;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

if (KeyRingTool.IsCommand(args))
{
    return KeyRingTool.Run(args, WebApplication.CreateBuilder([]).Configuration);
}

var builder = WebApplication.CreateBuilder(args);

// The build-time OpenAPI generator (GetDocument.Insider) starts the host only to read its endpoints: it needs no
// database settings and none of the background services (migrations, recomputes, webhooks), which are left out.
var generatingDocument = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

// A bad setting stops the service with one line each, not a stack trace.
IReadOnlyList<string> problems = generatingDocument ? [] : FeedbackOptions.Problems(builder.Configuration, builder.Environment.IsDevelopment());
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"feedback: {problem}");
    }

    return 1;
}

builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateScopes = true;
    o.ValidateOnBuild = true;
});
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = FeedbackServices.DefaultMaxRequestBodyBytes);
builder.WebHost.ListenOnMetricsPort(builder.Configuration);
builder.Services.AddFeedback(builder.Configuration);
if (generatingDocument)
{
    builder.Services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
}

var app = builder.Build();
app.MapFeedback();
try
{
    app.Run();
}
catch (Exception e) when (StartupRefused(e) is { } refused)
{
    // Found at start (e.g. an unsafe database): one line, like a bad setting.
    Console.Error.WriteLine($"feedback: {refused.Message}");
    return 1;
}

return 0;

static StartupRefusedException? StartupRefused(Exception e) => e switch
{
    StartupRefusedException refused => refused,
    AggregateException all => all.InnerExceptions.Select(StartupRefused).FirstOrDefault(r => r is not null),
    _ => null,
};

public partial class Program;
