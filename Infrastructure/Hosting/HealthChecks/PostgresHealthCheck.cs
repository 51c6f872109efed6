using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AgentLightning.Infrastructure.Hosting.HealthChecks;

/// <summary>SELECT 1 through the data source that persistence registered.</summary>
internal sealed class PostgresHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string Name = "postgres";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolved per check, not injected: the data source is optional at registration time and must not be built eagerly.
        if (services.GetService<NpgsqlDataSource>() is not { } dataSource)
        {
            return HealthCheckResult.Unhealthy($"{nameof(NpgsqlDataSource)} is not registered.");
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).WaitAsync(HealthRegistration.CheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (TimeoutException timeout)
        {
            return HealthCheckResult.Unhealthy($"No answer to SELECT 1 within {HealthRegistration.CheckTimeout.TotalSeconds:0.#} s.", timeout);
        }
    }
}
