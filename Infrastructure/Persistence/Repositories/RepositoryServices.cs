using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Locking;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>What every cached repository needs, injected once (scoped, like the DbContext it carries).</summary>
internal sealed class RepositoryServices(
    IServiceProvider scope,
    IDbContextFactory<AgentLightningDbContext> readContexts,
    NpgsqlDataSource postgres,
    EntityCache cache,
    CacheGeneration generation,
    SingleFlight singleFlight,
    AggregateLocks locks,
    DataResilience resilience,
    PlatformMetrics metrics,
    TimeProvider clock,
    IConfiguration configuration,
    IHostEnvironment environment)
{
    private AgentLightningDbContext? _db;

    /// <summary>The scope's DbContext, rented from the pool only when the scope writes: reads never need it.</summary>
    public AgentLightningDbContext Db => _db ??= scope.GetRequiredService<AgentLightningDbContext>();

    public IDbContextFactory<AgentLightningDbContext> ReadContexts => readContexts;

    /// <summary>For a hot read that needs no tracking: plain Npgsql, a pooled connection per command.</summary>
    public NpgsqlDataSource Postgres => postgres;

    public EntityCache Cache => cache;

    public CacheGeneration Generation => generation;

    public SingleFlight SingleFlight => singleFlight;

    public AggregateLocks Locks => locks;

    public DataResilience Resilience => resilience;

    public PlatformMetrics Metrics => metrics;

    public TimeProvider Clock => clock;

    /// <summary>The message the scope consumes, if it is a consumer's: recorded on the event-log rows it writes.</summary>
    public Guid? CausationId => ConsumedMessage.CommandIdIn(scope);

    public string ServiceName { get; } = configuration["Service:Name"] ?? environment.ApplicationName;
}
