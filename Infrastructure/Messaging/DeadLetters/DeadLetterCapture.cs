namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>One failed message as captured, before it is merged into the store.</summary>
public sealed record DeadLetterCapture
{
    private readonly int? _attemptCount;

    public required string MessageId { get; init; }

    public IReadOnlyList<string> MessageTypes { get; init; } = [];

    public string? ContentType { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>AMQP headers as received (RabbitMQ.Client types: byte[] for text, numbers, nested tables and lists).</summary>
    public IReadOnlyDictionary<string, object?> Headers { get; init; } = new Dictionary<string, object?>();

    public AmqpProperties Properties { get; init; } = new();

    public required string SourceService { get; init; }

    /// <summary>The queue a retry sends the message to, or <c>exchange:</c> and the exchange.</summary>
    public required string SourceQueue { get; init; }

    public string? DeadLetterQueue { get; init; }

    public required string Reason { get; init; }

    public string? ExceptionType { get; init; }

    public string? ExceptionMessage { get; init; }

    public string? StackTrace { get; init; }

    public int RetryCount { get; init; }

    public int RedeliveryCount { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The first of the failures that led here, when earlier than <see cref="FailedAt"/> (a sender's first refused try).</summary>
    public DateTimeOffset? FirstFailedAt { get; init; }

    /// <summary>The AL-Replay-Count the message carried: tells a failure after replay N from a late copy of an older one.</summary>
    public int ReplayCount { get; init; }

    /// <summary>Consumer attempts unless set: a sender that gave up says how many sends it tried.</summary>
    public int AttemptCount
    {
        get => _attemptCount ?? (RetryCount + 1) * (RedeliveryCount + 1);
        init => _attemptCount = value;
    }
}
