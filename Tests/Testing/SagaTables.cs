using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AgentLightning.Testing;

/// <summary>
/// Creates a test saga's table as a migration would: the platform's migrations know only Infrastructure's entities,
/// the test's map joins the model through a model contribution.
/// </summary>
public static class SagaTables
{
    public static async Task EnsureCreatedAsync(AgentLightningDbContext db, Type sagaType)
    {
        var table = db.Model.FindEntityType(sagaType)!.GetTableName()!;
        var exists = await db.Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync();
        if (exists)
        {
            return;
        }

        // The differ and the generator are EF's own migration services (internal API, hence EF1001).
#pragma warning disable EF1001
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model)
            .Where(op => op is CreateTableOperation create && create.Name == table || op is CreateIndexOperation index && index.Table == table)
            .ToList();
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, db.Model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText);
        }
#pragma warning restore EF1001
    }
}
