using System.Diagnostics;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Benchmarks.Scenarios.Outbox;

/// <summary>
/// A producer service and a consumer service on one scratch database and the real broker. A producer
/// transaction is one row plus one event through the bus outbox; the consumer applies the event in its own
/// transaction with the inbox and outbox on.
/// </summary>
public sealed class OutboxPipeline : IAsyncDisposable
{
    private readonly ScratchQueues _queues = new();
    private ScratchDatabase _database = null!;
    private PlatformTestHost _producer = null!;
    private PlatformTestHost _consumer = null!;

    public PipelineClock Clock { get; } = new();

    public ScratchDatabase Database => _database;

    public static async Task<OutboxPipeline> StartAsync()
    {
        var pipeline = new OutboxPipeline { _database = await ScratchDatabase.CreateAsync() };
        var prefix = pipeline._queues.Prefix;
        pipeline._producer = await MessagingTestHost.StartAsync(pipeline._database.ConnectionString, prefix, serviceName: "bench-producer");
        pipeline._consumer = await MessagingTestHost.StartAsync(pipeline._database.ConnectionString, prefix,
            bus => bus.AddConsumer<ItemCommittedConsumer>(), "bench-consumer", configure: b => b.Services.AddSingleton(pipeline.Clock));
        return pipeline;
    }

    /// <summary>One producer transaction; returns the committed item's id.</summary>
    public Task<Guid> CommitOneAsync() => _producer.InScopeAsync(async sp =>
    {
        var id = Guid.NewGuid();
        var db = sp.GetRequiredService<AgentLightningDbContext>();
        db.Tasks.Add(new AgentTask { Id = id, AgentId = "bench-agent", Description = "benchmark item", CreatedAt = DateTimeOffset.UtcNow });
        await sp.GetRequiredService<IPublishEndpoint>().Publish(new ItemCommitted(id));
        await db.SaveChangesAsync();
        Clock.Committed(id);
        return id;
    });

    public async Task WaitUntilConsumedAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Clock.ConsumedCount < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {Clock.ConsumedCount} of {count} items were consumed within {timeout}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _producer.DisposeAsync();
        await _consumer.DisposeAsync();
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }
}
