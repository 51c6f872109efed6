using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>Metrics written as the metrics consumer writes them (raw upserts in a caller's transaction) on one service, read on the other.</summary>
public sealed class When_agent_metrics_are_read_through_the_cache : TwoServices
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A service that does not trust Redis yet reads PostgreSQL and fills nothing.</summary>
    [SetUp]
    public Task UntilTrusted() => CacheTrust.UntilSynchronised(ServiceA, ServiceB);

    [Test]
    public async Task Should_cache_an_agent_without_metrics_so_its_next_read_is_no_database_read()
    {
        var id = Samples.AgentId();
        Assert.That(await Get(ServiceB, id), Is.EqualTo(AgentMetricsReading.None));

        // Written behind the platform's back: only a read served by Redis still sees none.
        await Database.ExecuteAsync($"INSERT INTO agent_metrics (agent_id, tasks_completed, tasks_failed, version) VALUES ('{id}', 7, 0, 0)");

        var cached = await ServiceB.Services.GetRequiredService<EntityCache>().ReadAsync<CachedAgentMetrics>(id);
        Assert.Multiple(async () =>
        {
            Assert.That((cached.State, cached.Value?.Version), Is.EqualTo((CacheLookupState.Hit, (long?)0)));
            Assert.That(await Get(ServiceB, id), Is.EqualTo(AgentMetricsReading.None));
        });
    }

    [Test]
    public async Task Should_show_every_task_end_to_the_next_read_once_its_transaction_commits()
    {
        var id = Samples.AgentId();
        using var cancel = new CancellationTokenSource();

        // Readers keep refilling the entry while the writes go on: none may put an older count back.
        var readers = Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                await Get(ServiceB, id);
            }
        });
        try
        {
            for (var i = 1; i <= 20; i++)
            {
                var seenInside = await EndTaskInTransactionAsync(ServiceA, id, ServiceB);
                var after = await Get(ServiceB, id);
                Assert.That((seenInside.TasksCompleted, after.TasksCompleted), Is.EqualTo((i - 1L, (long)i)), $"task end {i}");
            }
        }
        finally
        {
            await cancel.CancelAsync();
            await readers;
        }
    }

    [Test]
    public async Task Should_show_the_write_of_a_caller_without_a_transaction_at_once()
    {
        var id = Samples.AgentId();
        await Get(ServiceB, id);

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>()
            .RecordTaskEndAsync(Guid.NewGuid(), id, AgentTaskOutcome.Failed, Noon));

        Assert.That(await Get(ServiceB, id), Is.EqualTo(new AgentMetricsReading(0, 1, Noon, 0)));
    }

    [Test]
    public async Task Should_show_an_agent_busy_right_after_its_workflow_run_starts_and_idle_right_after_it_ends()
    {
        var (first, second) = (Samples.AgentId(), Samples.AgentId());
        var run = Guid.NewGuid();
        await Get(ServiceB, first);
        await Get(ServiceB, second);

        await InTransactionAsync(ServiceA, repository => repository.WorkflowStartedAsync(run, [second, first]));
        var busy = (await Get(ServiceB, first), await Get(ServiceB, second));
        await InTransactionAsync(ServiceA, repository => repository.WorkflowEndedAsync(run, Noon));

        Assert.Multiple(async () =>
        {
            Assert.That((busy.Item1.RunningWorkflows, busy.Item2.RunningWorkflows), Is.EqualTo((1, 1)));
            Assert.That((await Get(ServiceB, first)).Busy, Is.False);
            Assert.That((await Get(ServiceB, second)).Busy, Is.False);
        });
    }

    private static Task<AgentMetricsReading> Get(PlatformTestHost host, string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>().GetAsync(id));

    /// <summary>As the consumer does: a task end in a transaction; returns what the other service read before the commit.</summary>
    private static async Task<AgentMetricsReading> EndTaskInTransactionAsync(PlatformTestHost writer, string id, PlatformTestHost reader)
    {
        AgentMetricsReading seenInside = null!;
        await InTransactionAsync(writer, async repository =>
        {
            await repository.RecordTaskEndAsync(Guid.NewGuid(), id, AgentTaskOutcome.Completed, Noon);
            seenInside = await Get(reader, id);
        });
        return seenInside;
    }

    private static Task InTransactionAsync(PlatformTestHost host, Func<AgentMetricsRepository, Task> write) =>
        host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentLightningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await write(sp.GetRequiredService<AgentMetricsRepository>());
            await transaction.CommitAsync();
            return true;
        });
}
