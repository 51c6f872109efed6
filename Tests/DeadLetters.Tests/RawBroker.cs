using AgentLightning.Testing;
using RabbitMQ.Client;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>Puts bytes on a queue the way a misbehaving producer would, bypassing MassTransit.</summary>
public static class RawBroker
{
    public const string MassTransitJson = "application/vnd.masstransit+json";

    public static async Task PublishAsync(string queue, byte[] body, string messageId, string contentType = MassTransitJson)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = contentType,
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body);
    }
}
