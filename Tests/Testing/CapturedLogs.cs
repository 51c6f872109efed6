using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Testing;

/// <summary>Keeps every log entry a test host writes, so a test can assert what was logged (and how often).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>The messages of one category at exactly one level, in the order they were written.</summary>
    public IReadOnlyList<string> Messages(string category, LogLevel level) =>
        Entries.Where(e => e.Category == category && e.Level == level).Select(e => e.Message).ToList();

    /// <summary>Entries of the categories ending in <paramref name="categoryEndsWith"/> at this level or above.</summary>
    public int Count(string categoryEndsWith, LogLevel atLeast) =>
        Entries.Count(e => e.Category.EndsWith(categoryEndsWith, StringComparison.Ordinal) && e.Level >= atLeast);

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
            logs.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
