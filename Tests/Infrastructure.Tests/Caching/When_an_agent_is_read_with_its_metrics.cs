using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>GET /agents/{id}: the agent and its metrics in one Redis round trip, each as never stale as its own read.</summary>
public sealed class When_an_agent_is_read_with_its_metrics : TwoServices
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [SetUp]
    public Task UntilTrusted() => CacheTrust.UntilSynchronised(ServiceA, ServiceB);

    [Test]
    public async Task Should_cost_one_redis_round_trip_and_no_sql_once_both_are_cached()
    {
        var id = await CreateAsync();
        await Get(ServiceB, id);

        using var trips = new RoundTrips(ServiceB.Services.GetRequiredService<IConnectionMultiplexer>(), "agent_metrics");
        using var agentReads = new StatementCounter("FROM agents");
        var (agent, metrics) = await Get(ServiceB, id);

        Assert.Multiple(() =>
        {
            Assert.That((agent?.Id, metrics), Is.EqualTo(((string?)id, AgentMetricsReading.None)));
            Assert.That(trips.RedisCommands(), Is.EqualTo(1));
            Assert.That((trips.PostgresStatements, agentReads.Count), Is.EqualTo((0, 0)));
        });
    }

    [Test]
    public async Task Should_show_a_change_of_the_agent_and_a_task_end_to_the_next_read()
    {
        var id = await CreateAsync();
        await Get(ServiceB, id);

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "renamed"));
        var renamed = await Get(ServiceB, id);
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>()
            .RecordTaskEndAsync(Guid.NewGuid(), id, AgentTaskOutcome.Completed, Noon));
        var counted = await Get(ServiceB, id);

        Assert.Multiple(() =>
        {
            Assert.That((renamed.Agent?.Name, renamed.Metrics), Is.EqualTo(("renamed", AgentMetricsReading.None)));
            Assert.That((counted.Agent?.Name, counted.Metrics), Is.EqualTo(("renamed", new AgentMetricsReading(1, 0, Noon, 0))));
        });
    }

    [Test]
    public async Task Should_serve_each_entry_from_the_cache_when_cached_and_from_postgresql_when_not()
    {
        var id = await CreateAsync();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>()
            .RecordTaskEndAsync(Guid.NewGuid(), id, AgentTaskOutcome.Failed, Noon));
        await Database.ExecuteAsync($"DELETE FROM agents WHERE id = '{id}'"); // behind the platform's back: the cache still has it

        var cachedAgent = await Get(ServiceB, id);
        var missing = await Get(ServiceB, Samples.AgentId());

        Assert.Multiple(() =>
        {
            Assert.That((cachedAgent.Agent?.Id, cachedAgent.Metrics), Is.EqualTo(((string?)id, new AgentMetricsReading(0, 1, Noon, 0))));
            Assert.That((missing.Agent, missing.Metrics), Is.EqualTo(((Agent?)null, AgentMetricsReading.None)));
        });
    }

    private async Task<string> CreateAsync()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        return id;
    }

    private static Task<(Agent? Agent, AgentMetricsReading Metrics)> Get(PlatformTestHost host, string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>()
            .GetWithAgentAsync(sp.GetRequiredService<AgentRepository>(), id));
}
