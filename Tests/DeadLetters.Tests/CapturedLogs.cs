using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>Keeps every log entry a test host writes, so a test can count what was logged.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public int Count(string categoryEndsWith, LogLevel atLeast) =>
        Entries.Count(e => e.Category.EndsWith(categoryEndsWith, StringComparison.Ordinal) && e.Level >= atLeast);

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
