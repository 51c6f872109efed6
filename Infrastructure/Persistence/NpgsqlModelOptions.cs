using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence;

internal static class NpgsqlModelOptions
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseAgentLightningNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, Configure).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseAgentLightningNpgsql(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Configure).UseSnakeCaseNamingConvention();

    private static void Configure(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
}
