using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>GET /agents shows every agent's metrics: one batch per page, as never stale as a single agent's read.</summary>
public sealed class When_a_page_of_agent_metrics_is_read : TwoServices
{
    private const int PageSize = 100;
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [SetUp]
    public Task UntilTrusted() => CacheTrust.UntilSynchronised(ServiceA, ServiceB);

    [Test]
    public async Task Should_cost_one_redis_round_trip_and_no_sql_once_cached()
    {
        var page = Page();
        await GetMany(ServiceB, page);

        using var trips = new RoundTrips(ServiceB.Services.GetRequiredService<IConnectionMultiplexer>(), "agent_metrics");
        var readings = await GetMany(ServiceB, page);

        Assert.Multiple(() =>
        {
            Assert.That(readings, Has.Count.EqualTo(PageSize));
            Assert.That(trips.RedisCommands(), Is.EqualTo(1));
            Assert.That(trips.PostgresStatements, Is.Zero);
        });
    }

    [Test]
    public async Task Should_cost_one_sql_statement_and_two_redis_round_trips_when_nothing_is_cached()
    {
        using var trips = new RoundTrips(ServiceB.Services.GetRequiredService<IConnectionMultiplexer>(), "agent_metrics");
        await GetMany(ServiceB, Page());

        Assert.Multiple(() =>
        {
            Assert.That(trips.RedisCommands(), Is.EqualTo(2), "read the page, fill the page");
            Assert.That(trips.PostgresStatements, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_show_each_agents_own_counts_and_every_task_end_at_once()
    {
        var page = Page(3);
        await GetMany(ServiceB, page);

        await RecordAsync(page[0], AgentTaskOutcome.Completed);
        await RecordAsync(page[0], AgentTaskOutcome.Completed);
        await RecordAsync(page[2], AgentTaskOutcome.Failed);
        var readings = await GetMany(ServiceB, page);

        Assert.Multiple(() =>
        {
            Assert.That(readings[page[0]], Is.EqualTo(new AgentMetricsReading(2, 0, Noon, 0)));
            Assert.That(readings[page[1]], Is.EqualTo(AgentMetricsReading.None));
            Assert.That(readings[page[2]], Is.EqualTo(new AgentMetricsReading(0, 1, Noon, 0)));
        });
    }

    private static string[] Page(int size = PageSize) => [.. Enumerable.Range(0, size).Select(_ => Samples.AgentId())];

    private Task RecordAsync(string agentId, string outcome) =>
        ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>().RecordTaskEndAsync(Guid.NewGuid(), agentId, outcome, Noon));

    private static Task<IReadOnlyDictionary<string, AgentMetricsReading>> GetMany(PlatformTestHost host, string[] ids) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>().GetManyAsync(ids));
}
