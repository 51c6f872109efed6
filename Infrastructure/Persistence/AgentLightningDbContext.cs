using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// The one model of the platform's PostgreSQL database: aggregates, the event log, and (configured from
/// their own folders) the messaging tables, so a change and the messages it causes commit together.
/// </summary>
public sealed class AgentLightningDbContext(DbContextOptions<AgentLightningDbContext> options) : DbContext(options)
{
    /// <summary>A sequence, not a row: bumping it takes no lock, so writers never queue behind each other.</summary>
    public const string CacheGenerationSequence = "cache_generation";

    /// <summary>What waits for the current explicit transaction to commit or roll back.</summary>
    public TransactionCallbacks Callbacks { get; } = new();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<AgentTask> Tasks => Set<AgentTask>();

    public DbSet<KnowledgeItem> Knowledge => Set<KnowledgeItem>();

    public DbSet<Workflow> Workflows => Set<Workflow>();

    public DbSet<LoggedEvent> EventLog => Set<LoggedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(CacheGenerationSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentLightningDbContext).Assembly);
    }
}
