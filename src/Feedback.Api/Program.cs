using Feedback.Api;
using Feedback.Api.Common;
using Feedback.Api.Common.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// A bad setting stops the service with one line each, not a stack trace.
var problems = FeedbackOptions.Problems(builder.Configuration);
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

var app = builder.Build();
app.MapFeedback();
app.Run();
return 0;

public partial class Program;
