using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Records a delivery round before it sends: the claim's transaction commits only after the sends, so a process
/// that dies in between would leave no trace that its messages may have gone. One round trip per round, on a
/// connection of its own (the claim holds its rows' locks), without waiting for the WAL flush; the round's settle
/// deletes the records. A record found at the next claim belongs to a round that died: if it began longer ago than
/// the inbox remembers, a re-send could take effect twice unnoticed. The scheduler's dispatch passes record their
/// claimed rows here too, by token id (ids of both are unique, so they share the table).
/// </summary>
internal static class OutboxAttempts
{
    private const string RecordSql = """
        INSERT INTO outbox_attempts (outbox_id, started_at) SELECT unnest($1::uuid[]), clock_timestamp()
        ON CONFLICT (outbox_id) DO UPDATE SET outbox_id = excluded.outbox_id
        RETURNING outbox_id, started_at < clock_timestamp() - $2 * (interval '1 millisecond'), started_at
        """;

    /// <summary>The settle's statement: deletes the records of the ids in its one parameter.</summary>
    public const string DeleteSql = "DELETE FROM outbox_attempts WHERE outbox_id = ANY($1)";

    /// <summary>Marks the outboxes whose unsettled round began more than <paramref name="forgottenAfter"/> ago.</summary>
    public static async Task RecordAsync(NpgsqlDataSource dataSource, IReadOnlyList<ClaimedOutbox> outboxes, TimeSpan forgottenAfter, CancellationToken cancellationToken)
    {
        var byId = outboxes.ToDictionary(o => o.OutboxId);
        foreach (var (id, since) in await RecordAsync(dataSource, byId.Keys.ToArray(), forgottenAfter, cancellationToken))
        {
            byId[id].InDoubtSince = since;
        }
    }

    /// <summary>Records <paramref name="ids"/>; returns those whose unsettled record began more than <paramref name="forgottenAfter"/> ago, with its start.</summary>
    public static async Task<IReadOnlyDictionary<Guid, DateTime>> RecordAsync(NpgsqlDataSource dataSource, Guid[] ids, TimeSpan forgottenAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT set_config('synchronous_commit', 'off', true)"),
                new(RecordSql) { Parameters = { new() { Value = ids }, new() { Value = forgottenAfter.TotalMilliseconds } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var inDoubt = new Dictionary<Guid, DateTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(1))
            {
                inDoubt[reader.GetGuid(0)] = reader.GetDateTime(2);
            }
        }

        return inDoubt;
    }
}
