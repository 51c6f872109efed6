using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests;

/// <summary>Keeps every log entry a test host writes, so a test can assert what was logged (and how often).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public IReadOnlyList<string> Messages(string category, LogLevel level) =>
        Entries.Where(e => e.Category == category && e.Level == level).Select(e => e.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
