using System.Text.Json;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Where the outbox and the scheduler give up on a message the broker keeps refusing: it becomes an
/// "undeliverable" dead letter that an operator can replay to the same exchange. The letter is written in the
/// sender's own transaction, the one that deletes its row (dead_letters is in the same database): a crash in between
/// leaves the row and no letter, so a message that a later attempt delivers leaves no pending letter behind. The
/// store still ignores a message it already holds (same source queue and message id).
/// </summary>
internal sealed partial class UndeliverableMessages(
    IDeadLetterStore store, IBusControl bus, IConfiguration configuration, IHostEnvironment environment, ILogger<UndeliverableMessages> logger)
{
    /// <summary>A source queue that is an exchange (a sender's destination), not a receive endpoint's queue.</summary>
    public const string ExchangePrefix = "exchange:";

    private const int MaxSourceQueueLength = 255;

    private const string Savepoint = "dead_letters";

    private readonly string _service = ServiceOptions.Resolve(configuration, environment.ApplicationName);

    /// <summary>
    /// Decided per destination: a refusal the broker itself answered (returned as unroutable, nacked, or a channel
    /// closed over this destination) blames the message whatever the rest of the bus is doing — one endpoint stuck
    /// Degraded must not hold every outbox's dead-lettering. Any other failure (a timeout, a lost connection) blames
    /// it only while the whole bus is healthy: during an outage every send fails, and giving up then would turn the
    /// outage into dead letters. Failures still count meanwhile, so after a long outage a message that has used up
    /// its attempts goes at its next refusal.
    /// </summary>
    public bool MayGiveUp(Exception error) => BrokerRefusals.Refused(error) || bus.CheckHealth().Status == BusHealthStatus.Healthy;

    /// <summary>
    /// Adds the letters in the sender's transaction, under a savepoint: true once they are written (they commit with
    /// the sender's deletion of its rows; those new go to <paramref name="toCount"/>, for <see cref="CountFailed"/>
    /// after that commit); false (logged) when the store cannot take them: the savepoint is rolled back, the sender
    /// keeps its rows and tries again later.
    /// </summary>
    public async Task<bool> AddAsync(
        string sender, IReadOnlyList<UndeliverableMessage> messages, NpgsqlTransaction transaction, ICollection<DeadLetterCapture> toCount,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            foreach (var letter in await store.AddAsync([.. messages.Select(m => Capture(sender, m))], transaction, cancellationToken))
            {
                toCount.Add(letter);
            }

            await transaction.ReleaseAsync(Savepoint, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            LogStoreFailed(logger, e, sender, messages.Count);
            return false;
        }

        foreach (var message in messages)
        {
            LogGaveUp(logger, sender, message.Message.MessageId, message.Message.DestinationAddress, message.Attempts, message.Error.Message);
        }

        return true;
    }

    /// <summary>
    /// MassTransit sends to an exchange, the last segment of a RabbitMQ address (rabbitmq://host/vhost/name,
    /// exchange:name, queue:name); an address of another transport is kept as it is, and a replay of it fails.
    /// </summary>
    public static string SourceQueueOf(Uri? destination)
    {
        if (destination is null)
        {
            return "(no destination)";
        }

        var name = destination.Scheme is "rabbitmq" or "rabbitmqs" or "exchange" or "queue"
            ? ExchangePrefix + Uri.UnescapeDataString(destination.AbsolutePath.Split('/')[^1])
            : destination.ToString();
        return Fitted(name);
    }

    /// <summary>
    /// A name longer than the column (an exchange may have 255 characters before the prefix) is cut and given a hash
    /// of the whole, so its letter can always be written; a replay of such a letter fails (no such exchange).
    /// </summary>
    private static string Fitted(string name)
    {
        if (name.Length <= MaxSourceQueueLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..16];
        return $"{name[..(MaxSourceQueueLength - hash.Length - 1)]}~{hash}";
    }

    private DeadLetterCapture Capture(string sender, UndeliverableMessage undeliverable)
    {
        var message = undeliverable.Message;
        return new DeadLetterCapture
        {
            MessageId = message.MessageId.ToString(),
            MessageTypes = message.MessageType.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ContentType = message.ContentType,
            Body = message.Body.GetBytes(),
            Headers = ReadHeaders(message.Headers),
            Properties = new AmqpProperties
            {
                MessageId = message.MessageId.ToString(),
                CorrelationId = message.CorrelationId?.ToString(),
                ContentType = message.ContentType,
            },
            SourceService = _service,
            SourceQueue = SourceQueueOf(message.DestinationAddress),
            DeadLetterQueue = sender,
            Reason = DeadLetterReason.Undeliverable,
            ExceptionType = undeliverable.Error.GetType().FullName,
            ExceptionMessage = undeliverable.Error.Message,
            StackTrace = undeliverable.Error.ToString(),
            AttemptCount = undeliverable.Attempts,
            FirstFailedAt = undeliverable.FirstFailedAt,
            FailedAt = undeliverable.LastFailedAt,
        };
    }

    /// <summary>Headers that are not the JSON object they should be are kept as they are, not allowed to block the row.</summary>
    private static Dictionary<string, object?> ReadHeaders(string? json)
    {
        try
        {
            return json is { Length: > 0 } ? HeaderJson.Read(json) : [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new Dictionary<string, object?> { ["AL-Unreadable-Headers"] = json };
        }
    }

    /// <summary>Counts in events_failed_total the letters a sender's transaction added, once it has committed.</summary>
    public void CountFailed(IReadOnlyList<DeadLetterCapture> letters) => store.CountFailed(letters);

    [LoggerMessage(LogLevel.Warning, "The {Sender} gave up on message {MessageId} to {Destination} after {Attempts} refused attempts; it is a dead letter once its row's deletion commits: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string sender, Guid messageId, Uri? destination, int attempts, string reason);

    [LoggerMessage(LogLevel.Warning, "The {Sender} cannot add {Count} undeliverable message(s) to the dead-letter store; it keeps them and tries again later")]
    private static partial void LogStoreFailed(ILogger logger, Exception error, string sender, int count);
}
