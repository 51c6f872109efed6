using System.Text;
using AgentLightning.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Looks into the real broker past MassTransit: dead-letter queues.</summary>
public static class Broker
{
    private const ushort NotFound = 404;
    private const ushort InternalError = 541;

    /// <summary>Takes the next message of <paramref name="queue"/> and returns its headers; null when empty or absent.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> TakeAsync(string queue)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            return message?.BasicProperties.Headers?.ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : $"{h.Value}");
        }
        catch (OperationInterruptedException e) when (IsNotThereYet(e))
        {
            return null;
        }
    }

    public static async Task<uint> CountAsync(string queue)
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException e) when (IsNotThereYet(e))
        {
            return 0;
        }
    }

    /// <summary>Absent, or a quorum queue declared a moment ago whose replica is not running yet ("noproc").</summary>
    private static bool IsNotThereYet(OperationInterruptedException e) =>
        e.ShutdownReason?.ReplyCode == NotFound
        || (e.ShutdownReason?.ReplyCode == InternalError && e.ShutdownReason.ReplyText.Contains("noproc", StringComparison.Ordinal));

    private static ConnectionFactory Factory() => new() { Uri = new Uri(TestServers.RabbitMq) };
}
