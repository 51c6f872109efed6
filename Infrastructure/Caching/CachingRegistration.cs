using AgentLightning.Infrastructure.Locking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

public static class CachingRegistration
{
    public const string ConnectionStringName = "Redis";

    public const string DefaultConnectionString = "127.0.0.1:6379";

    /// <summary>The Redis connection, the cache that never lies, and Redis locks.</summary>
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString;

        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LockOptions>().BindConfiguration(LockOptions.Section);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(connectionString)));
        services.TryAddSingleton<CacheKeys>();
        services.TryAddSingleton<CacheGeneration>();
        services.TryAddSingleton<EntityCache>();
        services.TryAddSingleton<SingleFlight>();
        services.TryAddSingleton<AggregateLocks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, CacheMarkInterceptor>());
        services.AddHostedService<CacheGenerationMonitor>();
        return builder;
    }

    /// <summary>
    /// Never block or queue when Redis is away: the service starts without it and every command fails at
    /// once, so callers fall back to PostgreSQL instead of waiting.
    /// </summary>
    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        options.AsyncTimeout = 1_000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }
}
