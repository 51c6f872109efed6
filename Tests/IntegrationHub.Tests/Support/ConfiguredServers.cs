using AgentLightning.Testing;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>The ports of the servers a <see cref="HubApp"/> is configured with: the local stack's, as TestServers has them.</summary>
internal static class ConfiguredServers
{
    public const string Postgres = "PostgreSQL";
    public const string Redis = "Redis";
    public const string RabbitMq = "RabbitMQ";
    public const string RabbitMqManagement = "RabbitMQ management";

    public static int Port(string server) => server switch
    {
        Postgres => new NpgsqlConnectionStringBuilder(TestServers.Postgres).Port,
        Redis => RedisPort(),
        RabbitMq => new Uri(TestServers.RabbitMq) is { IsDefaultPort: false } amqp ? amqp.Port : 5672,
        RabbitMqManagement => 15672,
        _ => throw new ArgumentOutOfRangeException(nameof(server), server, null),
    };

    private static int RedisPort()
    {
        var options = ConfigurationOptions.Parse(TestServers.Redis);
        options.SetDefaultPorts();
        return options.EndPoints[0] switch
        {
            System.Net.DnsEndPoint name => name.Port,
            System.Net.IPEndPoint address => address.Port,
            var other => throw new InvalidOperationException($"Redis at {other} is not on a TCP port."),
        };
    }
}
