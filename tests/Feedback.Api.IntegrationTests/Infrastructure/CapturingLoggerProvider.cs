using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>Keeps every log line (category, level, message, structured values, exception), for tests that read what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Lines);

    public void Dispose()
    {
    }
}

internal sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        lines.Enqueue($"{category} scope: {state}");
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {structured} | {exception}");
    }
}
