using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public const int DefaultManagementPort = 15672;

    /// <summary>Prepended to every queue and message-type exchange this bus declares; tests use it to keep their traffic apart.</summary>
    [RegularExpression("^[a-z0-9-]*$")]
    public string QueuePrefix { get; set; } = "";

    /// <summary>
    /// Also the number of messages an endpoint consumes at once, each holding a PostgreSQL transaction. More
    /// than a few per core only adds context switches: on 2 cores the outbox benchmark applied 841 msgs/s at 64,
    /// 882 at 32, 998 at 16 and 900 at 8 (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>Block start-up until the broker topology is bound. Off for services: they must start (and take writes) while RabbitMQ is down.</summary>
    public bool WaitUntilStarted { get; set; }

    public RetryPolicyOptions Retry { get; set; } = new();

    /// <summary>The broker's management API, on the broker's host. No service calls it; the outbound guard refuses it.</summary>
    [Range(1, 65535)]
    public int ManagementPort { get; set; } = DefaultManagementPort;

    /// <summary>Per receive endpoint (queue name without prefix) overrides of <see cref="Retry"/>.</summary>
    public Dictionary<string, RetryPolicyOptions> Endpoints { get; set; } = [];

    public RetryPolicyOptions RetryFor(string endpointName) =>
        Endpoints.TryGetValue(endpointName.StartsWith(QueuePrefix, StringComparison.Ordinal) ? endpointName[QueuePrefix.Length..] : endpointName, out var policy)
            ? policy
            : Retry;
}

public sealed class RetryPolicyOptions
{
    /// <summary>Retries at once, for faults that clear in microseconds (a lost optimistic-concurrency race).</summary>
    [Range(0, 20)]
    public int Immediate { get; set; } = 2;

    /// <summary>Then retries with exponential backoff between <see cref="MinInterval"/> and <see cref="MaxInterval"/>.</summary>
    [Range(0, 20)]
    public int Exponential { get; set; } = 3;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Then delayed redeliveries through the PostgreSQL scheduler, message back on the queue each time; an empty
    /// value turns them off. Unset (null) means 5 s, 30 s, 2 min: a non-empty default array would not be
    /// replaced by configured items, the configuration binder appends them to it.
    /// </summary>
    public TimeSpan[]? Redelivery { get; set; }

    public TimeSpan[] RedeliveryIntervals => Redelivery ?? [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>The wait before each in-process retry: <see cref="Immediate"/> zeros, then <see cref="Exponential"/> waits doubling from <see cref="MinInterval"/> up to <see cref="MaxInterval"/>.</summary>
    public TimeSpan[] RetryIntervals() =>
    [
        .. Enumerable.Repeat(TimeSpan.Zero, Immediate),
        .. Enumerable.Range(0, Exponential).Select(i => TimeSpan.FromTicks((long)Math.Min(MinInterval.Ticks * Math.Pow(2, i), MaxInterval.Ticks))),
    ];
}
