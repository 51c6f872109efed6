using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

public sealed class SchedulerOptions
{
    public const string Section = "Messaging:Scheduler";

    /// <summary>The longest the dispatcher sleeps; it wakes sooner for a message scheduled in this process.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows claimed per transaction; all of a batch's sends are in flight together.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>A send not confirmed by the broker within this time counts as failed (and is tried again).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Cap of the backoff after a failed send (per row) and while PostgreSQL or RabbitMQ is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed sends of one row before it becomes a dead letter. With the default delays 120 tries span about an
    /// hour (waits of 1 s doubling to 16 s, then 114 of 30 s): a destination its service has not declared yet,
    /// because that service started later, still gets the message.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxDeliveryAttempts { get; set; } = 120;
}
