using System.Collections.Concurrent;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Messaging.Tests.Commands;

/// <summary>What each StartTask saw when it began: how many of its task's commands had committed, and who ran beside it.</summary>
public sealed class PartitionProbeLog(string connectionString)
{
    private int _running;
    private int _mostAtOnce;

    public string ConnectionString { get; } = connectionString;

    public ConcurrentQueue<(Guid TaskId, long Sequence, long CommittedBefore)> Seen { get; } = new();

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public int Enter()
    {
        var running = Interlocked.Increment(ref _running);
        for (var most = _mostAtOnce; running > most; most = _mostAtOnce)
        {
            Interlocked.CompareExchange(ref _mostAtOnce, running, most);
        }

        return running;
    }

    public void Leave() => Interlocked.Decrement(ref _running);
}

/// <summary>
/// Stands in for the owner of tasks: appends one event-log row per StartTask (its ExpectedVersion is the command's
/// place in its task's sequence) in the consumer's transaction, and dawdles after the save so that the commit comes
/// well after the consumer could have been overtaken.
/// </summary>
public sealed class PartitionProbe(PartitionProbeLog log, AgentLightningDbContext db) : IConsumer<StartTask>
{
    public async Task Consume(ConsumeContext<StartTask> context)
    {
        log.Enter();
        try
        {
            var task = context.Message.TaskId.ToString();
            log.Seen.Enqueue((context.Message.TaskId, context.Message.ExpectedVersion!.Value, await CommittedAsync(task)));
            db.EventLog.Add(new LoggedEvent
            {
                AggregateType = "probe", AggregateId = task, Sequence = context.Message.ExpectedVersion!.Value, EventType = "Probed",
                Data = "{}", Service = "probe", OccurredAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(context.CancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(20), context.CancellationToken);
        }
        finally
        {
            log.Leave();
        }
    }

    /// <summary>On a connection of its own: only committed rows count.</summary>
    private async Task<long> CommittedAsync(string task)
    {
        await using var connection = new NpgsqlConnection(log.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM event_log WHERE aggregate_type = 'probe' AND aggregate_id = $1", connection)
        {
            Parameters = { new() { Value = task } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class PartitionProbeDefinition(IOptions<MessagingOptions> options) : CommandConsumerDefinition<PartitionProbe, StartTask>(options);
