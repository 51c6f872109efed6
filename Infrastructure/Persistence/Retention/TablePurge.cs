using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Retention;

/// <summary>
/// One table's clean-up: <see cref="DeleteBatchSql"/> deletes at most $2 rows older than $1 milliseconds, walking an
/// index from the oldest row and finding its rows by ctid, so a batch costs the same with millions of rows and no
/// delete holds locks for long.
/// </summary>
public sealed record TablePurge(string Table, string DeleteBatchSql, TimeSpan Window)
{
    public async Task<int> DeleteBatchAsync(NpgsqlDataSource dataSource, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteBatchSql);
        command.Parameters.Add(new() { Value = Window.TotalMilliseconds });
        command.Parameters.Add(new() { Value = batchSize });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Batch after batch until one comes back short: every row old enough at the start is gone.</summary>
    public async Task<long> DeleteAllAsync(NpgsqlDataSource dataSource, int batchSize, CancellationToken cancellationToken)
    {
        long deleted = 0;
        int batch;
        do
        {
            batch = await DeleteBatchAsync(dataSource, batchSize, cancellationToken);
            deleted += batch;
        }
        while (batch == batchSize);
        return deleted;
    }
}
