using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Hosting.HealthChecks;

internal static class HealthRegistration
{
    /// <summary>A dependency that answers slower than this is reported unhealthy rather than left hanging.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The health service's own limit, a backstop behind each check's timeout, which reports more clearly.</summary>
    private static readonly TimeSpan RegistrationTimeout = CheckTimeout + TimeSpan.FromSeconds(1);

    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .Add(Check<PostgresHealthCheck>(PostgresHealthCheck.Name))
            .Add(Check<RedisHealthCheck>(RedisHealthCheck.Name));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(DefaultEndpoints.LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();

        endpoints.MapHealthChecks(DefaultEndpoints.ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckRegistration Check<T>(string name)
        where T : class, IHealthCheck =>
        new(name, services => ActivatorUtilities.CreateInstance<T>(services), HealthStatus.Unhealthy, [HealthTags.Ready], RegistrationTimeout);
}
