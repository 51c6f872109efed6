using System.Text;
using AgentLightning.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentLightning.Infrastructure.Tests.Testing;

/// <summary>
/// RabbitMqInstance, on which the broker-outage tests rely: a node of the test's own that can be stopped and
/// started again with its durable quorum queues and their messages intact, next to another such node and
/// without disturbing the shared broker on 5672.
/// </summary>
public sealed class When_a_test_broker_restarts
{
    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    [Test]
    public async Task Should_keep_a_durable_message()
    {
        var queue = $"test-broker-{Guid.NewGuid():N}";
        await using var shared = await Connect(TestServers.RabbitMq);
        var brokers = await Task.WhenAll(RabbitMqInstance.StartAsync(), RabbitMqInstance.StartAsync());
        await using var broker = brokers[0];
        await using var other = brokers[1];
        Assert.That(broker.Port, Is.Not.EqualTo(other.Port));

        await Publish(broker, queue, "kept across the restart");
        await Publish(other, queue, "on the other node");

        await broker.StopAsync();
        Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(broker.ConnectionString));
        Assert.That(await Read(other, queue), Is.EqualTo("on the other node"), "the other node is still up");

        await broker.StartAgainAsync();
        Assert.That(await Read(broker, queue), Is.EqualTo("kept across the restart"));
        Assert.That(shared.IsOpen, Is.True, "the connection to the shared broker was not disturbed");
    }

    private static async Task<IConnection> Connect(string uri) =>
        await new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();

    private static async Task Publish(RabbitMqInstance broker, string queue, string text)
    {
        await using var connection = await Connect(broker.ConnectionString);
        // With confirmations the publish returns once the broker has the message on disk.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(text));
    }

    private static async Task<string?> Read(RabbitMqInstance broker, string queue)
    {
        await using var connection = await Connect(broker.ConnectionString);
        await using var channel = await connection.CreateChannelAsync();
        Assert.That((await channel.QueueDeclarePassiveAsync(queue)).MessageCount, Is.EqualTo(1u));
        var message = await channel.BasicGetAsync(queue, autoAck: true);
        return message is null ? null : Encoding.UTF8.GetString(message.Body.Span);
    }
}
