using AgentLightning.Infrastructure.Messaging.Sagas;
using Npgsql;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// A machine as defined (states, events, transitions), whether an operator can cancel its sagas, its instances per
/// state and its finished ones per outcome its machine declares (none: empty); <c>estimated</c> names the states whose
/// count is PostgreSQL's estimate rather than a count, and the outcomes are estimated exactly when Final is (see <see cref="SagaTypesQuery"/>).
/// </summary>
internal sealed record SagaTypeResponse(
    string Type, IReadOnlyList<string> States, IReadOnlyList<string> Events, IReadOnlyList<TransitionRule> Transitions, bool Cancellable,
    IReadOnlyDictionary<string, long> Instances, IReadOnlyDictionary<string, long> Outcomes, IReadOnlyList<string> Estimated);

internal sealed record SagaTypeListResponse(IReadOnlyList<SagaTypeResponse> Types, int Count);

/// <summary>
/// Counts the sagas of each unfinished state exactly, each along the (current_state, updated_at) index (index-only:
/// a few thousand running sagas cost a millisecond). Finished sagas are most rows (kept for the retention) and an
/// exact count of them is a scan of the table (55-70 ms at 80,000): past <see cref="ExactFinishedUpTo"/> rows their
/// count is the table's row estimate less the unfinished ones, shared out among the outcomes as the outcome column's
/// statistics (pg_stats, the share of each value in ANALYZE's sample) have them. No row is locked.
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
            var count = await CountAsync(connection, saga, cancellationToken);
            var finished = count.Finished ?? Math.Max(0, count.Rows - count.States.Values.Sum());
            count.States[SagaState.FinalState] = finished;
            types.Add(new SagaTypeResponse(
                saga.Name, saga.Shape.States, saga.Shape.Events, saga.Shape.Transitions, saga.Cancellation is not null, count.States,
                count.Finished is null ? Shares(count.Outcomes, finished) : count.Outcomes.ToDictionary(o => o.Key, o => o.Value.Count!.Value),
                count.Finished is null ? [SagaState.FinalState] : []));
        }

        return new SagaTypeListResponse(types, types.Count);
    }

    /// <summary>The estimate of the finished sagas, shared out in proportion to each outcome's frequency (none sampled: 0 each).</summary>
    private static Dictionary<string, long> Shares(Dictionary<string, (long? Count, double Frequency)> outcomes, long finished)
    {
        var total = outcomes.Values.Sum(o => o.Frequency);
        return outcomes.ToDictionary(o => o.Key, o => total > 0 ? (long)Math.Round(finished * o.Value.Frequency / total) : 0);
    }

    /// <summary>
    /// In one round trip: the exact count of each unfinished state; of Final and of each outcome only while the table's
    /// estimated rows are at most <see cref="ExactFinishedUpTo"/> (else null); the estimate (-1 before the table's first
    /// analyze, so a new table is counted exactly); and each outcome's frequency among the rows (0 when not sampled).
    /// The first column tells the rows apart: 0 a state, 1 Final, 2 the estimate, 3 an outcome.
    /// </summary>
    private static async Task<SagaCounts> CountAsync(NpgsqlConnection connection, RegisteredSaga saga, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH estimate AS (SELECT coalesce((SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(@table)), -1) AS rows)
            SELECT 0, s, (SELECT count(*) FROM {saga.Table} WHERE current_state = s), 0::float8 FROM unnest(@states::text[]) s
            UNION ALL
            SELECT 1, @final, CASE WHEN rows <= @exact THEN (SELECT count(*) FROM {saga.Table} WHERE current_state = @final) END, 0 FROM estimate
            UNION ALL
            SELECT 2, '', rows, 0 FROM estimate
            {(saga.Outcome is { Column: var column } ? OutcomeCounts(saga.Table, column) : "")}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("states", saga.UnfinishedStates.ToArray()));
        command.Parameters.Add(new NpgsqlParameter("table", saga.Table));
        command.Parameters.Add(new NpgsqlParameter("final", SagaState.FinalState));
        command.Parameters.Add(new NpgsqlParameter("exact", ExactFinishedUpTo));
        command.Parameters.Add(new NpgsqlParameter("outcomes", saga.Outcomes.ToArray()));
        command.Parameters.Add(new NpgsqlParameter("column", saga.Outcome?.Column.Name ?? ""));
        var counts = new SagaCounts();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2);
            switch (reader.GetInt32(0))
            {
                case 0: counts.States[reader.GetString(1)] = count!.Value; break;
                case 1: counts.Finished = count; break;
                case 2: counts.Rows = count!.Value; break;
                default: counts.Outcomes[reader.GetString(1)] = (count, reader.GetDouble(3)); break;
            }
        }

        return counts;
    }

    /// <summary>Each outcome's count along the partial (outcome, updated_at) index of finished rows, and its frequency from the column's statistics.</summary>
    private static string OutcomeCounts(string table, (string Name, string Sql) column) =>
        $"""
        UNION ALL
        SELECT 3, o, CASE WHEN rows <= @exact THEN (SELECT count(*) FROM {table} WHERE finished_at IS NOT NULL AND {column.Sql} = o) END,
               coalesce((
                   SELECT m.frequency
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = @column,
                   unnest(s.most_common_vals::text::text[], s.most_common_freqs) m(value, frequency)
                   WHERE c.oid = to_regclass(@table) AND m.value = o), 0)
        FROM unnest(@outcomes::text[]) o, estimate
        """;

    private sealed class SagaCounts
    {
        public Dictionary<string, long> States { get; } = new(StringComparer.Ordinal);

        public long? Finished { get; set; }

        public long Rows { get; set; } = -1;

        public Dictionary<string, (long? Count, double Frequency)> Outcomes { get; } = new(StringComparer.Ordinal);
    }
}
