using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Off only to prove that what was committed survives a process that never delivered it.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Concurrent delivery loops per process; each claims its own outboxes (SKIP LOCKED).</summary>
    [Range(1, 32)]
    public int DeliveryWorkers { get; set; } = 2;

    /// <summary>Outboxes claimed per round trip; their messages are sent with this many confirms in flight.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 128;

    /// <summary>The fallback when no commit in this process rang the bell (another instance's commits, restarts).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff of an outbox whose message the broker refused: doubles per failure up to the maximum.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Refused sends of one message before it becomes a dead letter and the rest of its outbox goes on. With the
    /// default delays 20 tries span about an hour (waits of 1 s doubling to 256 s, then ten of 5 minutes): a
    /// command sent before its owner's queue was ever declared, by a service that started first, still arrives.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxDeliveryAttempts { get; set; } = 20;

    /// <summary>Back-off of the whole loop while PostgreSQL is unreachable.</summary>
    public TimeSpan MaxOutageDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an inbox row remembers a MessageId: at least the longest automatic path that can bring a message
    /// back, plus a margin, checked at start (<see cref="DuplicateDetectionWindowValidation"/>). With the defaults the
    /// longest is a scheduled redelivery retried by the scheduler until it gives up, about 80 minutes.
    /// </summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan InboxCleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after a message's <paramref name="failedAttempts"/>th refused send: doubles from <see cref="RetryDelay"/> up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var delay = RetryDelay * Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
