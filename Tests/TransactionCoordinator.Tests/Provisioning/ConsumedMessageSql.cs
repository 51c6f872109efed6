using System.Collections.Concurrent;
using System.Diagnostics;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// The SQL commands (round trips: a batch is one) PostgreSQL received while this process consumed one message, told
/// apart by the message id on MassTransit's consume activities above Npgsql's. The commit is not an activity of Npgsql's.
/// </summary>
internal sealed class ConsumedMessageSql : IDisposable
{
    private readonly ConcurrentQueue<(string MessageId, string Sql)> _commands = new();
    private readonly ActivityListener _listener;

    public ConsumedMessageSql()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Each command's first words ("INSERT INTO inbox_state"), in the order they ran.</summary>
    public IReadOnlyList<string> Of(Guid messageId)
    {
        var id = messageId.ToString("D");
        return [.. _commands.Where(c => c.MessageId == id).Select(c => c.Sql)];
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        if (activity.Source.Name != "Npgsql")
        {
            return;
        }

        for (var consume = activity.Parent; consume is not null; consume = consume.Parent)
        {
            if (consume.Source.Name == "MassTransit" && consume.GetTagItem("messaging.masstransit.message_id") is string messageId)
            {
                var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? activity.DisplayName;
                _commands.Enqueue((messageId, string.Join(' ', sql.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))));
                return;
            }
        }
    }
}
