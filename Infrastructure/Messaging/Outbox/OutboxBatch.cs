using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>The SQL of one delivery round: claim due outboxes with their messages, then settle them.</summary>
internal static class OutboxBatch
{
    /// <summary>
    /// Walks the (next_attempt_at, created_at) index from the oldest due outbox and stops after the batch, so
    /// it costs the same with a million rows waiting. Locked outboxes are skipped: other workers and instances
    /// take them. An outbox with no messages left is still claimed, so it gets deleted.
    /// </summary>
    private const string ClaimSql = """
        WITH claimed AS (
            SELECT outbox_id, failed_attempts, first_failed_at FROM outbox_state
            WHERE next_attempt_at <= now()
            ORDER BY next_attempt_at, created_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
        SELECT c.outbox_id, m.sequence_number, m.message_id, m.content_type, m.message_type, m.body, m.headers,
               m.properties, m.conversation_id, m.correlation_id, m.initiator_id, m.request_id, m.source_address,
               m.destination_address, m.response_address, m.fault_address, m.sent_time, m.expiration_time, c.failed_attempts,
               c.first_failed_at, c.failed_attempts > 0 AND c.first_failed_at < now() - $2 * (interval '1 millisecond')
        FROM claimed c LEFT JOIN outbox_messages m ON m.outbox_id = c.outbox_id
        ORDER BY c.outbox_id, m.sequence_number
        """;

    /// <summary>
    /// Claims due outboxes; one whose head message first failed more than <paramref name="forgottenAfter"/> ago (on
    /// PostgreSQL's clock, the one that wrote first_failed_at) gets <see cref="ClaimedOutbox.HeadInDoubt"/>.
    /// </summary>
    public static async Task<List<ClaimedOutbox>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int batchSize, TimeSpan forgottenAfter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, transaction)
        {
            Parameters = { new() { Value = batchSize }, new() { Value = forgottenAfter.TotalMilliseconds } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var outboxes = new List<ClaimedOutbox>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var outboxId = reader.GetGuid(0);
            if (outboxes.Count == 0 || outboxes[^1].OutboxId != outboxId)
            {
                outboxes.Add(new ClaimedOutbox(outboxId)
                {
                    FailedAttempts = reader.GetInt32(18),
                    FirstFailedAt = reader.IsDBNull(19) ? null : reader.GetDateTime(19),
                    HeadInDoubt = !reader.IsDBNull(20) && reader.GetBoolean(20),
                });
            }

            if (!reader.IsDBNull(1))
            {
                outboxes[^1].Messages.Add(ReadMessage(reader, outboxId));
            }
        }

        return outboxes;
    }

    /// <summary>
    /// One round trip: delete the round's attempt records, what the broker confirmed or the dead letters took, and
    /// finished outboxes; back off failed ones (counting the refusals of their head message only). The backoff runs from clock_timestamp(), the
    /// time of the settle: now() is when the claim began, before every send of the batch, and a backoff shorter
    /// than the batch's sends (a send timeout) would already have passed.
    /// </summary>
    public static async Task SettleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<ClaimedOutbox> outboxes,
        Func<int, TimeSpan> backoff, CancellationToken cancellationToken)
    {
        var sent = outboxes.SelectMany(o => o.Sent.Concat(o.DeadLettered)).ToArray();
        var finished = outboxes.Where(o => o.Failure is null).Select(o => o.OutboxId).ToArray();
        var failed = outboxes.Where(o => o.Failure is not null).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        // An in-doubt outbox whose letter could not be written keeps its record: deleted, the next round would send as new.
        var unrecorded = outboxes.Where(o => o.InDoubtSince is null || o.Failure is null).Select(o => o.OutboxId).ToArray();
        batch.BatchCommands.Add(Command(OutboxAttempts.DeleteSql, unrecorded));
        if (sent.Length > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM outbox_messages WHERE sequence_number = ANY($1)", sent));
        }

        if (finished.Length > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM outbox_state WHERE outbox_id = ANY($1)", finished));
        }

        foreach (var outbox in failed)
        {
            var command = new NpgsqlBatchCommand("""
                UPDATE outbox_state SET failed_attempts = $4, last_error = $2,
                       next_attempt_at = clock_timestamp() + $3 * (interval '1 millisecond'),
                       first_failed_at = CASE WHEN $4 = 1 THEN clock_timestamp() ELSE coalesce(first_failed_at, clock_timestamp()) END
                WHERE outbox_id = $1
                """);
            command.Parameters.Add(new() { Value = outbox.OutboxId });
            command.Parameters.Add(new() { Value = outbox.Failure! });
            command.Parameters.Add(new() { Value = backoff(outbox.Attempts).TotalMilliseconds });
            command.Parameters.Add(new() { Value = outbox.Attempts });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command<T>(string sql, T[] values) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = values } } };

    private static OutboxMessage ReadMessage(NpgsqlDataReader reader, Guid outboxId) => new()
    {
        OutboxId = outboxId,
        SequenceNumber = reader.GetInt64(1),
        MessageId = reader.GetGuid(2),
        ContentType = reader.GetString(3),
        MessageType = reader.GetString(4),
        Body = reader.GetString(5),
        Headers = reader.IsDBNull(6) ? null : reader.GetString(6),
        Properties = reader.IsDBNull(7) ? null : reader.GetString(7),
        ConversationId = reader.IsDBNull(8) ? null : reader.GetGuid(8),
        CorrelationId = reader.IsDBNull(9) ? null : reader.GetGuid(9),
        InitiatorId = reader.IsDBNull(10) ? null : reader.GetGuid(10),
        RequestId = reader.IsDBNull(11) ? null : reader.GetGuid(11),
        SourceAddress = UriAt(reader, 12),
        DestinationAddress = UriAt(reader, 13),
        ResponseAddress = UriAt(reader, 14),
        FaultAddress = UriAt(reader, 15),
        SentTime = reader.GetDateTime(16),
        ExpirationTime = reader.IsDBNull(17) ? null : reader.GetDateTime(17),
    };

    private static Uri? UriAt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : new Uri(reader.GetString(ordinal));
}

internal sealed class ClaimedOutbox(Guid outboxId)
{
    public Guid OutboxId { get; } = outboxId;

    public List<OutboxMessage> Messages { get; } = [];

    public List<long> Sent { get; } = [];

    /// <summary>Messages given up on in this round: now dead letters, deleted like the sent ones.</summary>
    public List<long> DeadLettered { get; } = [];

    /// <summary>The letters this round added, counted in events_failed_total once its transaction committed.</summary>
    public List<DeadLetterCapture> Letters { get; } = [];

    public int FailedAttempts { get; set; }

    public DateTime? FirstFailedAt { get; set; }

    /// <summary>
    /// Set when a round that died began this long ago (<see cref="OutboxAttempts"/>): its messages are not sent again.
    /// </summary>
    public DateTime? InDoubtSince { get; set; }

    /// <summary>
    /// Its head message has been retried for longer than the inbox remembers (<see cref="FirstFailedAt"/>): a try
    /// whose confirm was lost may have arrived, so it is not sent again.
    /// </summary>
    public bool HeadInDoubt { get; init; }

    /// <summary>Tries of the message that failed in this round, that one included: a new head has had one.</summary>
    public int Attempts => Sent.Count + DeadLettered.Count > 0 ? 1 : FailedAttempts + 1;

    public string? Failure { get; set; }
}
