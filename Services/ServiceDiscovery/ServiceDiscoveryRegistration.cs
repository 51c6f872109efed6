using AgentLightning.Infrastructure.Messaging;
using AgentLightning.ServiceDiscovery.Application;
using AgentLightning.ServiceDiscovery.Endpoints;
using AgentLightning.ServiceDiscovery.Monitoring;

namespace AgentLightning.ServiceDiscovery;

/// <summary>
/// The registry's read side and its health monitor. Instances register themselves (service defaults, straight into
/// PostgreSQL), so this service only reads the registry and announces changes: its restart loses nothing.
/// </summary>
internal static class ServiceDiscoveryRegistration
{
    public static IHostApplicationBuilder AddServiceDiscovery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ServiceDirectory>();
        builder.AddServiceHealthMonitor();
        builder.AddMessaging();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static IHostApplicationBuilder AddServiceHealthMonitor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitorOptions>().BindConfiguration(MonitorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthAnnouncements>();
        builder.Services.AddHostedService<ServiceHealthMonitor>();
        return builder;
    }

    public static WebApplication MapServiceDiscovery(this WebApplication app)
    {
        app.MapServiceEndpoints();
        return app;
    }
}
