using MassTransit.RabbitMqTransport.Topology;
using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Declares a dead-letter queue's topology as MassTransit would when it first moves a message there (which it
/// only does lazily): the collector may get there first, and the two declarations must be equal.
/// </summary>
internal static class DeadLetterTopology
{
    public static async Task DeclareAsync(IChannel channel, BrokerTopology topology, CancellationToken cancellationToken)
    {
        foreach (var queue in topology.Queues)
        {
            await channel.QueueDeclareAsync(queue.QueueName, queue.Durable, queue.Exclusive, queue.AutoDelete,
                Arguments(queue.QueueArguments), cancellationToken: cancellationToken);
        }

        foreach (var exchange in topology.Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange.ExchangeName, exchange.ExchangeType, exchange.Durable, exchange.AutoDelete,
                Arguments(exchange.ExchangeArguments), cancellationToken: cancellationToken);
        }

        foreach (var binding in topology.QueueBindings)
        {
            await channel.QueueBindAsync(binding.Destination.QueueName, binding.Source.ExchangeName, binding.RoutingKey,
                Arguments(binding.Arguments), cancellationToken: cancellationToken);
        }

        foreach (var binding in topology.ExchangeBindings)
        {
            await channel.ExchangeBindAsync(binding.Destination.ExchangeName, binding.Source.ExchangeName, binding.RoutingKey,
                Arguments(binding.Arguments), cancellationToken: cancellationToken);
        }
    }

    private static Dictionary<string, object?> Arguments(IDictionary<string, object>? arguments) =>
        arguments?.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal) ?? [];
}
