using Npgsql;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>A machine as defined (states, events, transitions), whether an operator can cancel its sagas, and its instances per state.</summary>
internal sealed record SagaTypeResponse(
    string Type, IReadOnlyList<string> States, IReadOnlyList<string> Events, IReadOnlyList<TransitionRule> Transitions, bool Cancellable,
    IReadOnlyDictionary<string, long> Instances);

internal sealed record SagaTypeListResponse(IReadOnlyList<SagaTypeResponse> Types, int Count);

internal static class SagaTypesQuery
{
    /// <summary>One count per type, grouped along the (current_state, updated_at) index (an index-only scan); no row locked.</summary>
    public static async Task<SagaTypeListResponse> ReadAsync(NpgsqlDataSource data, SagaRegistry sagas, CancellationToken cancellationToken)
    {
        var types = new List<SagaTypeResponse>();
        foreach (var saga in sagas.All)
        {
            var counts = saga.Shape.States.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
            await using var command = data.CreateCommand($"SELECT coalesce(current_state, ''), count(*) FROM {saga.Table} GROUP BY current_state");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            types.Add(new SagaTypeResponse(saga.Name, saga.Shape.States, saga.Shape.Events, saga.Shape.Transitions, saga.Cancellation is not null, counts));
        }

        return new SagaTypeListResponse(types, types.Count);
    }
}
