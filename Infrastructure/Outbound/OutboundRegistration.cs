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
            .PostConfigure(options => options.PlatformPorts.AddRange(OwnPorts(configuration)))
            .Validate(Valid, "Outbound: AllowedNetworks must be CIDR networks, PlatformEndpoints address:port pairs, MaxRedirects 0 or more.")
            .ValidateOnStart();
        services.TryAddSingleton<IOutboundAddressResolver, DnsAddressResolver>();
        services.TryAddSingleton<IOutboundConnector, SocketConnector>();
        services.TryAddSingleton<OutboundAddresses>();
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

    /// <summary>The ports this process itself listens on ("urls", e.g. from ASPNETCORE_URLS) are platform ports too.</summary>
    private static IEnumerable<int> OwnPorts(IConfiguration configuration) =>
        (configuration["urls"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri) ? uri.Port : -1)
            .Where(port => port > 0);

    private static bool Valid(OutboundGuardOptions options) =>
        options.MaxRedirects >= 0
        && options.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _))
        && options.PlatformEndpoints.All(e => System.Net.IPEndPoint.TryParse(e, out _));
}
