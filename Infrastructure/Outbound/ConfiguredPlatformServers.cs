using System.Net;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Outbound;

/// <summary>
/// The platform's servers this process knows of: its PostgreSQL, Redis and RabbitMQ with the broker's management API,
/// the platform URLs in its configuration, the URLs it listens on, and the Outbound options' PlatformPorts (on this
/// machine) and PlatformEndpoints. A server's port left out is the one its client would use.
/// </summary>
internal static class ConfiguredPlatformServers
{
    public static IEnumerable<PlatformServer> Read(IConfiguration configuration, OutboundGuardOptions options) =>
    [
        .. options.PlatformPorts.Select(port => new PlatformServer(ThisMachine.Name, port)),
        .. options.PlatformEndpoints.Select(endpoint => PlatformServer.Parse(endpoint, 0)).OfType<PlatformServer>(),
        .. Postgres(configuration.GetConnectionString(PersistenceRegistration.ConnectionStringName)),
        .. Redis(configuration.GetConnectionString(CachingRegistration.ConnectionStringName) ?? CachingRegistration.DefaultConnectionString),
        .. RabbitMq(configuration),
        .. PlatformUrls(configuration).Select(PlatformServer.FromUrl).OfType<PlatformServer>(),
    ];

    /// <summary>Host may list several servers, each with its own port ("db1:5433,db2"); one starting with '/' is a Unix socket.</summary>
    private static IEnumerable<PlatformServer> Postgres(string? connectionString)
    {
        if (connectionString is null)
        {
            return [];
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return (builder.Host ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(host => !host.StartsWith('/'))
            .Select(host => PlatformServer.Parse(host, builder.Port))
            .OfType<PlatformServer>();
    }

    private static IEnumerable<PlatformServer> Redis(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.SetDefaultPorts();
        return options.EndPoints.Select(endpoint => endpoint switch
        {
            DnsEndPoint name => new PlatformServer(name.Host, name.Port),
            IPEndPoint address => new PlatformServer(address.Address.ToString(), address.Port),
            _ => null,
        }).OfType<PlatformServer>();
    }

    private static IEnumerable<PlatformServer> RabbitMq(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(MessagingRegistration.ConnectionStringName) is not { } connectionString
            || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri))
        {
            return [];
        }

        var (host, port) = RabbitMqConnection.Server(uri);
        var managementPort = configuration.GetValue($"{MessagingOptions.Section}:{nameof(MessagingOptions.ManagementPort)}", MessagingOptions.DefaultManagementPort);
        return [new(host, port), new(host, managementPort)];
    }

    /// <summary>Auth, this instance's registry address, the ones Services:* names, the telemetry collector and this process's "urls".</summary>
    private static IEnumerable<string> PlatformUrls(IConfiguration configuration) =>
    [
        configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.Authority)}"] ?? AuthOptions.DefaultAuthority,
        .. Present(configuration[$"{DiscoveryOptions.SectionName}:{nameof(DiscoveryOptions.BaseUrl)}"]),
        .. configuration.GetSection("Services").AsEnumerable().Select(entry => entry.Value).OfType<string>(),
        .. Present(configuration[TelemetryRegistration.OtlpEndpointVariable]),
        .. (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    ];

    private static IEnumerable<string> Present(string? value) => string.IsNullOrWhiteSpace(value) ? [] : [value];
}
