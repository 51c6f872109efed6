using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.HealthChecks;
using AgentLightning.Infrastructure.Hosting.Logging;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Hosting.Problems;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.Commands.Http;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.DeadLetters.Http;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Hosting;

/// <summary>What every service does the same way: identity, logs, telemetry, health, errors, auth and its backing stores.</summary>
public static class ServiceDefaults
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.AddServiceIdentity();
        builder.AddRequestLimits();
        builder.AddStructuredLogging();
        builder.AddTelemetry(serviceName);
        builder.AddDefaultHealthChecks();
        builder.AddProblemResponses();
        builder.AddPlatformAuthentication();
        builder.AddApiDocuments();
        builder.AddBackingServices();
        return builder;
    }

    /// <summary>Middleware order matters: errors and bare statuses become problems only for what runs inside them.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseProblemResponses();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(DefaultEndpoints.MetricsPath).RequireAuthorization(Policies.Viewer);
        app.MapApiDocuments();
        app.MapCallerEndpoint();

        // Commands travel through the outbox: only a service with messaging sends them.
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ICommandSender)))
        {
            app.MapCommandEndpoints();
        }

        // The dead-letter store is the bus's: an operator reaches every service's letters from any service with one.
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IDeadLetterReplayer)))
        {
            app.MapDeadLetterEndpoints();
        }

        return app;
    }

    /// <summary>The stores and the broker a service talks to; each registration brings its own options and health check.</summary>
    private static IHostApplicationBuilder AddBackingServices(this IHostApplicationBuilder builder)
    {
        builder.AddPersistence();
        builder.AddCaching();
        builder.AddServiceRegistry();
        return builder;
    }
}
