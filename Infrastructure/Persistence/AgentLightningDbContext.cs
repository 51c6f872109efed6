using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// The one model of the platform's PostgreSQL database: aggregates, the event log, and (configured from
/// their own folders) the messaging tables, so a change and the messages it causes commit together.
/// </summary>
public sealed class AgentLightningDbContext(DbContextOptions<AgentLightningDbContext> options) : DbContext(options)
{
    /// <summary>
    /// One row (created by migration, outside the model): a row, not a sequence, so a bump commits with the
    /// transaction that needs it (<see cref="CacheMarkInterceptor"/>).
    /// </summary>
    public const string CacheGenerationTable = "cache_generation";

    /// <summary>What waits for the current explicit transaction to commit or roll back.</summary>
    public TransactionCallbacks Callbacks { get; } = new();

    /// <summary>The cache markers the current transaction must keep alive until it ends.</summary>
    internal TransactionCacheMarks CacheMarks { get; } = new();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<AgentTask> Tasks => Set<AgentTask>();

    public DbSet<KnowledgeItem> Knowledge => Set<KnowledgeItem>();

    public DbSet<Workflow> Workflows => Set<Workflow>();

    public DbSet<WorkflowRun> WorkflowRuns => Set<WorkflowRun>();

    public DbSet<LoggedEvent> EventLog => Set<LoggedEvent>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ServiceInstance> ServiceInstances => Set<ServiceInstance>();

    public DbSet<ServiceHealth> ServiceHealth => Set<ServiceHealth>();

    public DbSet<Integration> Integrations => Set<Integration>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes (agents' names). A trusted extension since PostgreSQL 13: the database's owner creates it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentLightningDbContext).Assembly);
    }

    public override void Dispose()
    {
        CacheMarks.End();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        CacheMarks.End();
        return base.DisposeAsync();
    }
}
