using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Plain RabbitMQ.Client connections to the broker MassTransit uses (the same amqp:// connection string), for
/// reading dead-letter queues byte for byte and for sending replays back. No automatic recovery: a broken
/// connection ends its session, whose unacknowledged messages the broker then hands out again.
/// </summary>
internal sealed class BrokerConnections(string connectionString, string serviceName)
{
    public Task<IConnection> ConnectAsync(string purpose, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = $"{serviceName} {purpose}",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }
}
