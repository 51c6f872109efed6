using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Outbound;

public static class OutboundRegistration
{
    /// <summary>The guard, its options (section "Outbound") and the replaceable resolver and connector; a second call adds nothing.</summary>
    public static IServiceCollection AddOutboundGuard(this IServiceCollection services, IConfiguration configuration)
    {
        // Binding twice would append every configured list entry twice.
        if (services.Any(d => d.ServiceType == typeof(OutboundAddressPolicy)))
        {
            return services;
        }

        services.AddOptions<OutboundGuardOptions>()
            .Bind(configuration.GetSection(OutboundGuardOptions.Section))
            .Validate(Valid, "Outbound: AllowedNetworks must be CIDR networks, PlatformEndpoints host:port pairs, MaxRedirects 0 or more.")
            .ValidateOnStart();
        services.TryAddSingleton<IOutboundAddressResolver, DnsAddressResolver>();
        services.TryAddSingleton<IOutboundConnector, SocketConnector>();
        services.TryAddSingleton<OutboundAddresses>();
        services.TryAddSingleton(sp => new PlatformServers(
            ConfiguredPlatformServers.Read(configuration, sp.GetRequiredService<IOptions<OutboundGuardOptions>>().Value),
            sp.GetRequiredService<OutboundAddresses>()));
        services.TryAddSingleton<OutboundAddressPolicy>();
        services.TryAddSingleton<OutboundConnection>();
        services.TryAddSingleton<IOutboundTargetGuard, OutboundTargetGuard>();
        return services;
    }

    /// <summary>
    /// Every connection of this client goes through the guard. Redirects are followed by the handler (at most
    /// MaxRedirects) because each one opens its connection through the same ConnectCallback. No proxy: through
    /// a proxy the guard would only ever see the proxy's address.
    /// </summary>
    public static IHttpClientBuilder AddOutboundGuard(this IHttpClientBuilder builder)
    {
        builder.Services.TryAddTransient<OutboundRequestCheck>();
        return builder
            .AddHttpMessageHandler<OutboundRequestCheck>()
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var options = services.GetRequiredService<IOptions<OutboundGuardOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectCallback = services.GetRequiredService<OutboundConnection>().ConnectAsync,
                    UseProxy = false,
                    UseCookies = false,
                    AllowAutoRedirect = options.MaxRedirects > 0,
                    MaxAutomaticRedirections = Math.Max(options.MaxRedirects, 1),
                    PooledConnectionLifetime = options.ConnectionLifetime,
                };
            });
    }

    private static bool Valid(OutboundGuardOptions options) =>
        options.MaxRedirects >= 0
        && options.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _))
        && options.PlatformEndpoints.All(e => PlatformServer.Parse(e, 0) is { Port: > 0 });
}
