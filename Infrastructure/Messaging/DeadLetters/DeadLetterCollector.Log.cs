using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

internal sealed partial class DeadLetterCollector
{
    [LoggerMessage(LogLevel.Warning, "Dead-letter collector cannot reach the broker (attempt {Attempts}); retrying with backoff")]
    private static partial void LogBrokerFailing(ILogger logger, Exception error, int attempts);

    [LoggerMessage(LogLevel.Information, "Dead-letter collector is connected to the broker again after {Outage}")]
    private static partial void LogBrokerBack(ILogger logger, TimeSpan outage);

    [LoggerMessage(LogLevel.Error, "The broker refused dead-letter queue {Queue}; its messages are not collected until it accepts")]
    private static partial void LogQueueRefused(ILogger logger, Exception error, string queue);

    [LoggerMessage(LogLevel.Warning, "Dead-letter store unavailable, holding {Count} message(s) unacknowledged in their queues (attempt {Attempts})")]
    private static partial void LogStoreFailing(ILogger logger, Exception error, int count, int attempts);

    [LoggerMessage(LogLevel.Information, "Dead-letter store is back after {Outage}; stored {Count} held message(s)")]
    private static partial void LogStoreBack(ILogger logger, TimeSpan outage, int count);
}
