using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace AgentLightning.Infrastructure.Tests.Persistence;

/// <summary>
/// Regression: raw SQL of CacheGenerationInTransactions (and two later migrations) had no ";", which the
/// migrator accepts but the idempotent script (`dotnet ef migrations script --idempotent`, each statement in a
/// DO block) turned into a syntax error. The script, run by psql as an operator would, must apply on an empty
/// database and again on a migrated one.
/// </summary>
public sealed class When_the_migrations_are_scripted
{
    [Test]
    public async Task Should_apply_the_idempotent_script_with_psql_twice()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var script = Path.Combine(Path.GetTempPath(), $"al-migrations-{Guid.NewGuid():N}.sql");
        await using (var context = Context(database))
        {
            await File.WriteAllTextAsync(script, context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent));
        }

        try
        {
            await PsqlAsync(database, script);
            await PsqlAsync(database, script);
        }
        finally
        {
            File.Delete(script);
        }

        await using var migrated = Context(database);
        Assert.Multiple(async () =>
        {
            Assert.That(await migrated.Database.GetPendingMigrationsAsync(), Is.Empty);
            Assert.That(await database.ScalarAsync<long>("SELECT value FROM cache_generation"), Is.GreaterThan(0));
        });
    }

    private static AgentLightningDbContext Context(ScratchDatabase database)
    {
        var options = new DbContextOptionsBuilder<AgentLightningDbContext>();
        options.UseAgentLightningNpgsql(database.ConnectionString);
        return new(options.Options);
    }

    private static Task<string> PsqlAsync(ScratchDatabase database, string script)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var conninfo = $"host={server.Host} port={server.Port} dbname={server.Database} user={server.Username} sslmode=disable";
        return Shell.RunAsync(new Dictionary<string, string> { ["PGPASSWORD"] = server.Password ?? "" }, "psql", conninfo, "-v", "ON_ERROR_STOP=1", "-q", "-f", script);
    }
}
