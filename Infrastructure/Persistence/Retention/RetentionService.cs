using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Retention;

/// <summary>
/// Deletes what no longer matters from the tables that would grow forever. Every purge walks an index from its
/// oldest row (migration CommandOutcomesAndRetention) and never touches a row still in use: a held reservation,
/// a running workflow, a refresh token before its expiry, a waiting or running execution, a webhook delivery not yet delivered.
/// </summary>
internal sealed class RetentionService(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : PurgeService(dataSource, logger)
{
    private readonly RetentionOptions _options = options.Value;

    protected override string Name => "Retention";

    protected override TimeSpan Interval => _options.Interval;

    protected override int BatchSize => _options.BatchSize;

    protected override IEnumerable<TablePurge> Purges() =>
    [
        new("sent_commands", Sql("sent_commands", "true", "sent_at"), _options.SentCommands),
        new("agent_workflow_activity", Sql("agent_workflow_activity", "ended", "ended_at"), _options.EndedWorkflowActivity),
        new("model_capacity_reservations", Sql("model_capacity_reservations", "status <> 'held'", "created_at"), _options.FinishedCapacityReservations),
        new("refresh_tokens", Sql("refresh_tokens", "true", "expires_at"), _options.ExpiredRefreshTokens),
        new("model_executions", Sql("model_executions", "status = 'cancelled'", "enqueued_at"), _options.CancelledExecutions),
        new("webhook_deliveries", Sql("webhook_deliveries", "status = 'delivered'", "delivered_at"), _options.DeliveredWebhooks),
    ];

    /// <summary>Rows that match <paramref name="condition"/> and whose <paramref name="age"/> is older than the window, oldest first.</summary>
    private static string Sql(string table, string condition, string age) => $"""
        DELETE FROM {table} WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM {table}
            WHERE {condition} AND {age} < now() - $1 * (interval '1 millisecond')
            ORDER BY {age}
            LIMIT $2))
        """;
}
