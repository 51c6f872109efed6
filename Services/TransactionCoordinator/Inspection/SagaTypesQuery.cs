using AgentLightning.Infrastructure.Messaging.Sagas;
using Npgsql;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// A machine as defined (states, events, transitions), whether an operator can cancel its sagas, and its instances per
/// state; <c>estimated</c> names the states whose count is PostgreSQL's estimate rather than a count (see <see cref="SagaTypesQuery"/>).
/// </summary>
internal sealed record SagaTypeResponse(
    string Type, IReadOnlyList<string> States, IReadOnlyList<string> Events, IReadOnlyList<TransitionRule> Transitions, bool Cancellable,
    IReadOnlyDictionary<string, long> Instances, IReadOnlyList<string> Estimated);

internal sealed record SagaTypeListResponse(IReadOnlyList<SagaTypeResponse> Types, int Count);

/// <summary>
/// Counts the sagas of each unfinished state exactly, each along the (current_state, updated_at) index (index-only:
/// a few thousand running sagas cost a millisecond). Finished sagas are most rows (kept for the retention) and an
/// exact count of them is a scan of the table (55-70 ms at 80,000): past <see cref="ExactFinishedUpTo"/> rows their
/// count is the table's row estimate less the unfinished ones. No row is locked.
/// </summary>
internal static class SagaTypesQuery
{
    public const long ExactFinishedUpTo = 10_000;

    public static async Task<SagaTypeListResponse> ReadAsync(NpgsqlDataSource data, SagaRegistry sagas, CancellationToken cancellationToken)
    {
        var types = new List<SagaTypeResponse>();
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        foreach (var saga in sagas.All)
        {
            var (counts, finished, rows) = await CountAsync(connection, saga, cancellationToken);
            counts[SagaState.FinalState] = finished ?? Math.Max(0, rows - counts.Values.Sum());
            types.Add(new SagaTypeResponse(
                saga.Name, saga.Shape.States, saga.Shape.Events, saga.Shape.Transitions, saga.Cancellation is not null, counts,
                finished is null ? [SagaState.FinalState] : []));
        }

        return new SagaTypeListResponse(types, types.Count);
    }

    /// <summary>
    /// In one round trip: the exact count of each unfinished state; of Final only while the table's estimated rows are
    /// at most <see cref="ExactFinishedUpTo"/> (else null); and the estimate (-1 before the table's first analyze, so a
    /// new table is counted exactly). The first column tells the rows apart: 0 a state, 1 Final, 2 the estimate.
    /// </summary>
    private static async Task<(Dictionary<string, long> Counts, long? Finished, long Rows)> CountAsync(
        NpgsqlConnection connection, RegisteredSaga saga, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH estimate AS (SELECT coalesce((SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(@table)), -1) AS rows)
            SELECT 0, s, (SELECT count(*) FROM {saga.Table} WHERE current_state = s) FROM unnest(@states::text[]) s
            UNION ALL
            SELECT 1, @final, CASE WHEN rows <= @exact THEN (SELECT count(*) FROM {saga.Table} WHERE current_state = @final) END FROM estimate
            UNION ALL
            SELECT 2, '', rows FROM estimate
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("states", saga.UnfinishedStates.ToArray()));
        command.Parameters.Add(new NpgsqlParameter("table", saga.Table));
        command.Parameters.Add(new NpgsqlParameter("final", SagaState.FinalState));
        command.Parameters.Add(new NpgsqlParameter("exact", ExactFinishedUpTo));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        (long? finished, long rows) = (null, -1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2);
            switch (reader.GetInt32(0))
            {
                case 0: counts[reader.GetString(1)] = count!.Value; break;
                case 1: finished = count; break;
                default: rows = count!.Value; break;
            }
        }

        return (counts, finished, rows);
    }
}
