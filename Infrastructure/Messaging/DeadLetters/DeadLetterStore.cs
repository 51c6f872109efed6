using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Capture;
using Npgsql;
using NpgsqlTypes;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Merges captures into <c>dead_letters</c> with one upsert each, in one transaction. A capture of a message
/// that is already there only counts when the letter was replayed and this is the failure of that replay (its
/// AL-Replay-Count has caught up): then the letter is pending again with the new failure's details.
/// </summary>
internal sealed class DeadLetterStore(NpgsqlDataSource dataSource, PlatformMetrics metrics, TimeProvider time) : IDeadLetterStore
{
    private const string Upsert = """
        INSERT INTO dead_letters AS d (id, message_id, message_types, content_type, body, headers, properties, source_service,
            source_queue, dead_letter_queue, reason, exception_type, exception_message, stack_trace, retry_count, redelivery_count,
            attempt_count, failure_count, first_failed_at, last_failed_at, status, replay_count, updated_at)
        VALUES (@id, @message_id, @message_types, @content_type, @body, @headers, @properties, @source_service,
            @source_queue, @dead_letter_queue, @reason, @exception_type, @exception_message, @stack_trace, @retry_count, @redelivery_count,
            @attempt_count, 1, @first_failed_at, @failed_at, 'pending', 0, @now)
        ON CONFLICT (source_queue, message_id) DO UPDATE SET
            message_types = excluded.message_types, content_type = excluded.content_type, body = excluded.body,
            headers = excluded.headers, properties = excluded.properties, source_service = excluded.source_service,
            dead_letter_queue = excluded.dead_letter_queue, reason = excluded.reason, exception_type = excluded.exception_type,
            exception_message = excluded.exception_message, stack_trace = excluded.stack_trace, retry_count = excluded.retry_count,
            redelivery_count = excluded.redelivery_count, attempt_count = d.attempt_count + excluded.attempt_count,
            failure_count = d.failure_count + 1, last_failed_at = greatest(d.last_failed_at, excluded.last_failed_at),
            status = 'pending', updated_at = excluded.updated_at
        WHERE d.status = 'replayed' AND @replay_count >= d.replay_count
        RETURNING id
        """;

    public async Task<int> AddAsync(IReadOnlyList<DeadLetterCapture> captures, CancellationToken cancellationToken = default)
    {
        if (captures.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await UpsertAsync(connection, transaction, captures, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Count(captures, stored);
    }

    public async Task<IReadOnlyList<DeadLetterCapture>> AddAsync(
        IReadOnlyList<DeadLetterCapture> captures, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        var stored = await UpsertAsync(transaction.Connection!, transaction, captures, time.GetUtcNow(), cancellationToken);
        return [.. captures.Where((_, i) => stored[i])];
    }

    public void CountFailed(IReadOnlyList<DeadLetterCapture> letters)
    {
        foreach (var letter in letters)
        {
            metrics.EventFailed(letter.MessageTypes.FirstOrDefault() ?? "unknown");
        }
    }

    private int Count(IReadOnlyList<DeadLetterCapture> captures, bool[] stored)
    {
        IReadOnlyList<DeadLetterCapture> letters = [.. captures.Where((_, i) => stored[i])];
        CountFailed(letters);
        return letters.Count;
    }

    /// <summary>
    /// The upsert in a transaction the caller owns (a consumer's, so a rejected command's letter commits with its
    /// inbox mark); per capture, whether it became a new letter or a failure after a replay. Counting it is the
    /// caller's, after its commit.
    /// </summary>
    internal static async Task<bool[]> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<DeadLetterCapture> captures, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (captures.Count == 0)
        {
            return [];
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var capture in captures)
        {
            batch.BatchCommands.Add(Command(capture, now));
        }

        var stored = new bool[captures.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < captures.Count; i++)
        {
            stored[i] = await reader.ReadAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
        }

        return stored;
    }

    private static NpgsqlBatchCommand Command(DeadLetterCapture capture, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(Upsert);
        var p = command.Parameters;
        p.AddWithValue("id", Guid.CreateVersion7(now));
        p.AddWithValue("message_id", Clean(capture.MessageId)!);
        p.AddWithValue("message_types", capture.MessageTypes.Select(t => Clean(t)!).ToArray());
        p.Add(Text("content_type", capture.ContentType));
        p.AddWithValue("body", capture.Body);
        p.AddWithValue("headers", NpgsqlDbType.Jsonb, HeaderJson.Write(capture.Headers));
        p.AddWithValue("properties", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(capture.Properties, DeadLetterJson.Options));
        p.AddWithValue("source_service", Clean(capture.SourceService)!);
        p.AddWithValue("source_queue", Clean(capture.SourceQueue)!);
        p.Add(Text("dead_letter_queue", capture.DeadLetterQueue));
        p.AddWithValue("reason", capture.Reason);
        p.Add(Text("exception_type", capture.ExceptionType));
        p.Add(Text("exception_message", capture.ExceptionMessage));
        p.Add(Text("stack_trace", capture.StackTrace));
        p.AddWithValue("retry_count", capture.RetryCount);
        p.AddWithValue("redelivery_count", capture.RedeliveryCount);
        p.AddWithValue("attempt_count", capture.AttemptCount);
        p.AddWithValue("failed_at", capture.FailedAt.ToUniversalTime());
        p.AddWithValue("first_failed_at", (capture.FirstFailedAt ?? capture.FailedAt).ToUniversalTime());
        p.AddWithValue("now", now);
        p.AddWithValue("replay_count", capture.ReplayCount);
        return command;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)Clean(value) ?? DBNull.Value };

    /// <summary>PostgreSQL text cannot hold NUL; a header value with one must not make a message impossible to store.</summary>
    private static string? Clean(string? value) => value?.Replace("\0", "", StringComparison.Ordinal);
}
