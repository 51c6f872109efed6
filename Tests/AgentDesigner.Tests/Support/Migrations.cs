using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Moves a scratch database to one migration, so a spec can put rows of the schema before a migration under it.</summary>
public static class Migrations
{
    /// <summary>Up to and including <paramref name="target"/>; to the latest without one.</summary>
    public static async Task MigrateToAsync(this ScratchDatabase database, string? target = null)
    {
        var options = new DbContextOptionsBuilder<AgentLightningDbContext>()
            .UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using var db = new AgentLightningDbContext(options);
        await db.GetService<IMigrator>().MigrateAsync(target);
    }
}
