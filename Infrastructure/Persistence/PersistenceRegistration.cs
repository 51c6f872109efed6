using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Persistence.Contributions;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Persistence.Retention;
using AgentLightning.Infrastructure.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>PostgreSQL data source, the EF Core model, start-up migrations and the cached repositories.</summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment ConnectionStrings__{ConnectionStringName}).");

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>();
        services.AddOptions<ResilienceOptions>().BindConfiguration(ResilienceOptions.Section);
        services.TryAddSingleton<DataResilience>();

        services.TryAddSingleton(sp =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            PrepareRepeatedStatements(dataSource.ConnectionStringBuilder);
            return dataSource.Build();
        });
        // Every IInterceptor in DI joins the model's options: messaging adds its own next to these.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, ConnectionMetricsInterceptor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, TransactionCallbackInterceptor>());
        services.AddPooledDbContextFactory<AgentLightningDbContext>((sp, options) => options
            .UseAgentLightningNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetServices<IInterceptor>())
            .UseModelContributions(sp)
            .ConfigureWarnings(QuietFailedSaves));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<AgentLightningDbContext>>().CreateDbContext());

        services.TryAddSingleton<DatabaseMigrator>();
        services.AddHostedService<MigrateOnStart>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<RetentionService>();

        services.TryAddScoped<RepositoryServices>();
        services.TryAddScoped(sp => new AgentRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new TaskRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new KnowledgeRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new WorkflowRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new ModelRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new AgentMetricsRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped(sp => new IntegrationRepository(sp.GetRequiredService<RepositoryServices>()));
        services.TryAddScoped<EventLogReader>();

        builder.AddCaching();
        return builder;
    }

    /// <summary>
    /// EF Core logs every failed command and save as an error with a stack trace, also the lost races the platform
    /// expects and answers (a unique or foreign key taken or gone meanwhile: HTTP 409, a retried or rejected
    /// command). Every such failure reaches a caller that reports it (409 at Information, 500 at Error, a
    /// consumer's fault), so EF's own line is Debug: one line per failure, at the level of what it means.
    /// </summary>
    private static void QuietFailedSaves(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug));

    /// <summary>
    /// A service runs the same few statements (outbox claims, inbox marks, repository reads) thousands of times:
    /// prepared on each pooled connection after their second use, PostgreSQL stops parsing and planning them.
    /// A connection string that sets "Max Auto Prepare" itself keeps its value.
    /// </summary>
    private static void PrepareRepeatedStatements(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
            connection.AutoPrepareMinUsages = 2;
        }
    }
}
