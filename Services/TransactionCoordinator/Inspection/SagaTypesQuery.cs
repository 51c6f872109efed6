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
            var (counts, rows) = await CountAsync(connection, saga, saga.UnfinishedStates.ToArray(), cancellationToken);
            var estimated = rows > ExactFinishedUpTo;
            counts[SagaState.FinalState] = estimated
                ? Math.Max(0, rows - counts.Values.Sum())
                : (await CountAsync(connection, saga, [SagaState.FinalState], cancellationToken)).Counts[SagaState.FinalState];
            types.Add(new SagaTypeResponse(
                saga.Name, saga.Shape.States, saga.Shape.Events, saga.Shape.Transitions, saga.Cancellation is not null, counts,
                estimated ? [SagaState.FinalState] : []));
        }

        return new SagaTypeListResponse(types, types.Count);
    }

    /// <summary>The exact count of each of <paramref name="states"/>, and the table's estimated rows (-1 before its first analyze).</summary>
    private static async Task<(Dictionary<string, long> Counts, long Rows)> CountAsync(
        NpgsqlConnection connection, RegisteredSaga saga, string[] states, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT s, (SELECT count(*) FROM {saga.Table} WHERE current_state = s),
                   (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(@table))
            FROM unnest(@states::text[]) s
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("states", states));
        command.Parameters.Add(new NpgsqlParameter("table", saga.Table));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = -1L;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
            rows = reader.GetInt64(2);
        }

        return (counts, rows);
    }
}
