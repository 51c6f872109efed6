using AgentLightning.Infrastructure.Messaging;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests;

public sealed class When_a_background_loop_loses_its_server
{
    [Test]
    public void Should_back_off_to_the_ceiling_and_log_the_outage_once_at_each_end()
    {
        var logger = new CountingLogger();
        var backoff = new OutageBackoff("loop", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), logger);
        var failure = new TimeoutException("down");

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Failed(failure)).ToList();
        backoff.Succeeded();
        backoff.Succeeded();

        Assert.That(delays.Take(4), Is.EqualTo(new[] { 0.5, 1, 2, 4 }.Select(TimeSpan.FromSeconds)));
        Assert.That(delays, Is.Ordered);
        Assert.That(delays[^1], Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(logger.Entries, Is.EqualTo(new[] { LogLevel.Warning, LogLevel.Information }));
    }

    private sealed class CountingLogger : ILogger
    {
        public List<LogLevel> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(logLevel);
    }
}
