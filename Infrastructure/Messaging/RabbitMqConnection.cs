using MassTransit;

namespace AgentLightning.Infrastructure.Messaging;

internal static class RabbitMqConnection
{
    public const int DefaultPort = 5672;

    /// <summary>Reads amqp://user:password@host:port/vhost, the form the scripts and compose.yaml export.</summary>
    public static void Configure(IRabbitMqBusFactoryConfigurator rabbit, string connectionString)
    {
        var uri = new Uri(connectionString);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var virtualHost = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        var (hostName, port) = Server(uri);
        rabbit.Host(hostName, (ushort)port, virtualHost, host =>
        {
            if (credentials[0].Length > 0)
            {
                host.Username(credentials[0]);
                host.Password(credentials.Length > 1 ? credentials[1] : "");
            }

            host.PublisherConfirmation = true;
        });
    }

    /// <summary>The broker's host and port in the connection string; <see cref="DefaultPort"/> when it names none.</summary>
    public static (string Host, int Port) Server(Uri connectionString) =>
        (connectionString.Host, connectionString.IsDefaultPort ? DefaultPort : connectionString.Port);
}
