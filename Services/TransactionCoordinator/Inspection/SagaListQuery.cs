using System.Globalization;
using System.Text;
using AgentLightning.Infrastructure.Paging;
using Npgsql;
using NpgsqlTypes;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>One row of the list: where a saga is and since when, and once finished how it ended (<see cref="RegisteredSaga.OutcomeOf"/>).</summary>
internal sealed record SagaSummary(
    string Type, Guid CorrelationId, string? State, DateTime CreatedAt, DateTime UpdatedAt, DateTime? FinishedAt, string? Outcome);

/// <summary>
/// What to list: sagas of <paramref name="Types"/>, in <paramref name="State"/> (any when null), only unfinished ones
/// when <paramref name="Stuck"/>, not moved since <paramref name="MovedBefore"/> (any when null), finished with
/// <paramref name="Outcome"/> (any, finished or not, when null).
/// </summary>
internal sealed record SagaListFilter(IReadOnlyList<RegisteredSaga> Types, string? State, bool Stuck, DateTime? MovedBefore, string? Outcome);

/// <summary>
/// A page of sagas of every type asked for, least recently moved first, keyset-paged on (updated_at, type, id). Each
/// saga table (and, for a state or the stuck filter, each state) is a branch of a UNION ALL that walks its own index
/// — (current_state, updated_at), (updated_at), or for an outcome the partial (outcome, updated_at) of finished rows —
/// and stops after a page; the merge reads at most a page per branch. A type whose machine does not declare the
/// outcome asked for has no branch. Plain reads: no row is locked.
/// </summary>
internal static class SagaListQuery
{
    private static readonly IReadOnlyList<string?> AnyState = [null];

    public static async Task<Page<SagaSummary>> PageAsync(NpgsqlDataSource data, SagaListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var size = page.Size;
        var after = Cursor.From(page.AfterKeys);
        await using var command = data.CreateCommand();
        var branches = new List<string>();
        foreach (var type in filter.Types.Where(t => filter.Outcome is null || t.Outcomes.Contains(filter.Outcome)))
        {
            // One branch per state for a state or the stuck filter (each walks the (current_state, updated_at) index), else one.
            IReadOnlyList<string?> states = filter.State is not null ? [filter.State] : filter.Stuck ? [.. type.UnfinishedStates] : AnyState;
            foreach (var state in states)
            {
                branches.Add(Branch(command, type, state, filter, after));
            }
        }

        command.Parameters.Add(new NpgsqlParameter("take", size + 1));
        command.CommandText = branches.Count == 0
            ? "SELECT NULL::text, NULL::uuid, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::text WHERE false"
            : $"""
                SELECT saga_type, correlation_id, current_state, created_at, updated_at, finished_at, outcome
                FROM ({string.Join("\n UNION ALL ", branches)}) page
                ORDER BY updated_at, saga_type COLLATE "C", correlation_id
                LIMIT @take
                """;
        var rows = new List<SagaSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SagaSummary(
                reader.GetString(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3), reader.GetDateTime(4),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return PageQueries.ToPage(rows, size, s => [s.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), s.Type, s.CorrelationId.ToString()]);
    }

    private static string Branch(NpgsqlCommand command, RegisteredSaga type, string? state, SagaListFilter filter, Cursor? after)
    {
        var n = command.Parameters.Count;
        // A WorkflowRun writes its outcome when it begins to compensate: shown once it finished.
        var outcome = type.Outcome is { Column.Sql: var column } ? $"CASE WHEN finished_at IS NOT NULL THEN {column} END::text" : "NULL::text";
        var sql = new StringBuilder(
            $"(SELECT @type{n}::text AS saga_type, correlation_id, current_state, created_at, updated_at, finished_at, {outcome} AS outcome FROM {type.Table} WHERE true");
        command.Parameters.Add(new NpgsqlParameter($"type{n}", type.Name));
        if (filter.Outcome is not null)
        {
            sql.Append($" AND finished_at IS NOT NULL AND {type.Outcome!.Column.Sql} = @outcome{n}");
            command.Parameters.Add(new NpgsqlParameter($"outcome{n}", filter.Outcome));
        }

        if (state is not null)
        {
            sql.Append($" AND current_state = @state{n}");
            command.Parameters.Add(new NpgsqlParameter($"state{n}", state));
        }

        if (filter.Stuck)
        {
            sql.Append(" AND finished_at IS NULL");
        }

        if (filter.MovedBefore is { } before)
        {
            sql.Append($" AND updated_at < @before{n}");
            command.Parameters.Add(new NpgsqlParameter($"before{n}", NpgsqlDbType.TimestampTz) { Value = before });
        }

        if (after is not null)
        {
            // Past the cursor in (updated_at, type, id) order; within one branch the type is fixed.
            var order = string.CompareOrdinal(type.Name, after.Type);
            sql.Append(order switch
            {
                > 0 => $" AND updated_at >= @afterAt{n}",
                < 0 => $" AND updated_at > @afterAt{n}",
                _ => $" AND (updated_at, correlation_id) > (@afterAt{n}, @afterId{n})",
            });
            command.Parameters.Add(new NpgsqlParameter($"afterAt{n}", NpgsqlDbType.TimestampTz) { Value = after.UpdatedAt });
            command.Parameters.Add(new NpgsqlParameter($"afterId{n}", after.Id));
        }

        sql.Append(" ORDER BY updated_at, correlation_id LIMIT @take)");
        return sql.ToString();
    }

    private sealed record Cursor(DateTime UpdatedAt, string Type, Guid Id)
    {
        public static Cursor? From(IReadOnlyList<string>? keys) => keys switch
        {
            null => null,
            [var at, var type, var id] => new Cursor(
                DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(), type, Guid.Parse(id)),
            _ => throw PageCursor.NotOurs(),
        };
    }
}
