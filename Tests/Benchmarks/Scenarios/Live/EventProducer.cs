using System.Collections.Concurrent;
using System.Diagnostics;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// A service that commits changes with their events through the bus outbox, as Workflow Engine does: a task row and
/// its TaskCreated in one transaction. Each commit's return is timed on the harness's clock.
/// </summary>
internal sealed class EventProducer(PlatformTestHost host, BusArrivals arrivals) : IAsyncDisposable
{
    public ConcurrentDictionary<Guid, long> Committed { get; } = new();

    public BusArrivals Arrivals => arrivals;

    public static async Task<EventProducer> StartAsync(string postgres, string queuePrefix)
    {
        var arrivals = new BusArrivals();
        var host = await MessagingTestHost.StartAsync(postgres, queuePrefix, bus => bus.AddConsumer<BusArrivalConsumer, BusArrivalConsumerDefinition>(),
            serviceName: "bench-event-producer", configure: b => b.Services.AddSingleton(arrivals));
        return new EventProducer(host, arrivals);
    }

    /// <summary>Commit k at start + k/rate (open loop), by whichever of <paramref name="producers"/> is free; returns the ids.</summary>
    public async Task<List<Guid>> OfferAsync(int count, int rate, int producers)
    {
        var ids = new ConcurrentBag<Guid>();
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)((double)k / rate * Stopwatch.Frequency));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                ids.Add(await CommitOneAsync());
            }
        })));
        return [.. ids];
    }

    private Task<Guid> CommitOneAsync() => host.InScopeAsync(async sp =>
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var db = sp.GetRequiredService<AgentLightningDbContext>();
        db.Tasks.Add(new AgentTask { Id = id, AgentId = "bench-agent", Description = "benchmark task", CreatedAt = now });
        await sp.GetRequiredService<IPublishEndpoint>().Publish(new TaskCreated
        {
            TaskId = id, AgentId = "bench-agent", Description = "benchmark task", Status = "pending", Priority = 1, Version = 1, OccurredAt = now,
        });
        await db.SaveChangesAsync();
        Committed[id] = Stopwatch.GetTimestamp();
        return id;
    });

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
