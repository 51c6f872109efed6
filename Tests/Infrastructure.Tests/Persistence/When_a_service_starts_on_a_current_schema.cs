using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AgentLightning.Infrastructure.Tests.Persistence;

/// <summary>
/// Services that start after the schema is current do not queue at the migration lock: on a loaded machine five
/// services taking turns to check the model outlasted their start timeouts.
/// </summary>
public sealed class When_a_service_starts_on_a_current_schema
{
    /// <summary>DatabaseMigrator's advisory lock key ("ALMG").</summary>
    private const long MigrationLock = 0x414C4D47;

    [Test]
    public async Task Should_not_wait_for_the_migration_lock_another_service_holds()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var service = await PlatformTestHost.StartAsync(database.ConnectionString, TestServers.Redis, "t" + Guid.NewGuid().ToString("N")[..12]);
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var migrator = service.Services.GetRequiredService<DatabaseMigrator>();

        Assert.That(async () => await migrator.MigrateAsync(patience.Token), Throws.Nothing);
    }
}
