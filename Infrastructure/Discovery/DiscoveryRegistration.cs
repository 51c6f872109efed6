using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.ServiceDiscovery;

namespace AgentLightning.Infrastructure.Discovery;

public static class DiscoveryRegistration
{
    /// <summary>
    /// Every service registers itself in the registry (unless Discovery:Register is false) and can resolve the others:
    /// an HttpClient with <c>AddServiceDiscovery()</c> sends <c>http://agent-designer/...</c> to a ready instance
    /// of the registry, round robin, or to <c>Services:agent-designer:http:0</c> (configuration) when the registry has none.
    /// </summary>
    public static IHostApplicationBuilder AddServiceRegistry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceRegistry>();

        // Before AddServiceDiscovery's configuration and pass-through providers: the first that adds endpoints wins.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, RegistryEndpointProviderFactory>());
        services.AddServiceDiscovery();

        if (builder.Configuration.GetValue($"{DiscoveryOptions.SectionName}:{nameof(DiscoveryOptions.Register)}", true))
        {
            services.AddHealthChecks();
            services.TryAddSingleton<InstanceReadiness>();
            services.AddHostedService<InstanceRegistrar>();
        }

        return builder;
    }
}
