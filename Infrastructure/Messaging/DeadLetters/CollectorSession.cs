using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// One broker connection of the collector: consumes the dead-letter queues without auto-ack and hands the raw
/// deliveries over in order. Whatever is not acknowledged when the session ends goes back to its queue.
/// </summary>
internal sealed class CollectorSession : IAsyncDisposable
{
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Func<DeadLetterQueue, IReadOnlyBasicProperties, byte[], DeadLetterCapture> _read;

    private CollectorSession(IConnection connection, IChannel channel, Func<DeadLetterQueue, IReadOnlyBasicProperties, byte[], DeadLetterCapture> read)
    {
        _connection = connection;
        _channel = channel;
        _read = read;
        _channel.ChannelShutdownAsync += (_, args) => End($"channel closed: {args.ReplyCode} {args.ReplyText}");
    }

    public static async Task<CollectorSession> OpenAsync(
        BrokerConnections broker, ushort prefetch, Func<DeadLetterQueue, IReadOnlyBasicProperties, byte[], DeadLetterCapture> read,
        CancellationToken cancellationToken)
    {
        var connection = await broker.ConnectAsync("dead-letter collector", cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.BasicQosAsync(0, prefetch, false, cancellationToken);
            return new CollectorSession(connection, channel, read);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Declares and consumes each queue; returns those the broker refused, with why. Others are unaffected.</summary>
    public async Task<IReadOnlyList<(DeadLetterQueue Queue, Exception Error)>> SubscribeAsync(
        IEnumerable<DeadLetterQueue> queues, CancellationToken cancellationToken)
    {
        var refused = new List<(DeadLetterQueue, Exception)>();
        foreach (var queue in queues)
        {
            try
            {
                // A refused declaration (PRECONDITION_FAILED) closes its channel: use one of its own.
                await using (var declaring = await _connection.CreateChannelAsync(cancellationToken: cancellationToken))
                {
                    await DeadLetterTopology.DeclareAsync(declaring, queue.Topology, cancellationToken);
                    await declaring.CloseAsync(cancellationToken);
                }

                var consumer = new AsyncEventingBasicConsumer(_channel);
                consumer.ReceivedAsync += (_, delivery) => Receive(queue, delivery);
                consumer.UnregisteredAsync += (_, _) => End($"the broker cancelled the consumer of {queue.QueueName}");
                await _channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumer, cancellationToken);
            }
            catch (Exception error) when (_connection.IsOpen && _channel.IsOpen && !cancellationToken.IsCancellationRequested)
            {
                refused.Add((queue, error));
            }
        }

        return refused;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a delivery, then takes what is there; false on timeout.</summary>
    public async Task<bool> ReadBatchAsync(List<Delivery> batch, int max, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            if (!await _deliveries.Reader.WaitToReadAsync(wait.Token))
            {
                await _deliveries.Reader.Completion;
                throw new InvalidOperationException("The collector session ended.");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        while (batch.Count < max && _deliveries.Reader.TryRead(out var delivery))
        {
            batch.Add(delivery);
        }

        return true;
    }

    public async Task AckAsync(IEnumerable<Delivery> batch, CancellationToken cancellationToken)
    {
        foreach (var delivery in batch)
        {
            await _channel.BasicAckAsync(delivery.Tag, multiple: false, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _deliveries.Writer.TryComplete();
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private Task Receive(DeadLetterQueue queue, BasicDeliverEventArgs delivery)
    {
        // The body's memory belongs to the client only until this handler returns: copy it now.
        var capture = _read(queue, delivery.BasicProperties, delivery.Body.ToArray());
        _deliveries.Writer.TryWrite(new Delivery(delivery.DeliveryTag, capture));
        return Task.CompletedTask;
    }

    private Task End(string reason)
    {
        _deliveries.Writer.TryComplete(new IOException(reason));
        return Task.CompletedTask;
    }

    internal sealed record Delivery(ulong Tag, DeadLetterCapture Capture);
}
