using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Sends a dead letter back to its queue through the default exchange (or to the exchange an undeliverable
/// message was meant for), byte for byte, and returns only once the broker has confirmed it. Mandatory: if the
/// queue is gone, or nothing is bound to the exchange, the broker returns the message and the send fails; an
/// exchange that does not exist closes the channel, and the send fails too.
/// </summary>
internal sealed class ReplayPublisher(BrokerConnections broker) : IAsyncDisposable
{
    /// <summary>Headers a failure added; the replay is a fresh delivery (its redelivery count starts again).</summary>
    private static readonly string[] DroppedPrefixes = ["MT-Fault-", "MT-Host-"];

    private static readonly string[] DroppedHeaders = [MessageHeaders.Reason, MessageHeaders.RedeliveryCount, Constants.PublishSequenceNumberHeader];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task PublishAsync(DeadLetter letter, byte[] body, int replayCount, CancellationToken cancellationToken)
    {
        var properties = JsonSerializer.Deserialize<AmqpProperties>(letter.Properties, DeadLetterJson.Options) ?? new AmqpProperties();
        var headers = ReplayHeaders(HeaderJson.Read(letter.Headers), replayCount);
        var connection = await ConnectionAsync(cancellationToken);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options, cancellationToken);
        var (exchange, routingKey) = letter.SourceQueue.StartsWith(UndeliverableMessages.ExchangePrefix, StringComparison.Ordinal)
            ? (letter.SourceQueue[UndeliverableMessages.ExchangePrefix.Length..], "")
            : ("", letter.SourceQueue);
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties.ToReplayProperties(headers), body, cancellationToken);
        await channel.CloseAsync(cancellationToken);
    }

    public static Dictionary<string, object?> ReplayHeaders(Dictionary<string, object?> headers, int replayCount)
    {
        var kept = headers
            .Where(h => !DroppedHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase)
                && !DroppedPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        kept[CaptureReader.ReplayCountHeader] = replayCount;
        return kept;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true })
            {
                return _connection;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            _connection = await broker.ConnectAsync("dead-letter replay", cancellationToken);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }
}
