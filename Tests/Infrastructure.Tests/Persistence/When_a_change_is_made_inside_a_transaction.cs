using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Tests.Persistence;

public sealed class When_a_change_is_made_inside_a_transaction
{
    [Test]
    public async Task Should_not_wait_for_the_aggregate_lock_it_would_let_go_before_the_commit()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        // Neither the lock's wait nor the Redis call around it gives up early.
        var settings = new Dictionary<string, string?> { ["Locks:Wait"] = "00:10:00", ["Resilience:RedisOperationTimeout"] = "00:10:00" };
        await using var service = await PlatformTestHost.StartAsync(database.ConnectionString, TestServers.Redis,
            "t" + Guid.NewGuid().ToString("N")[..12], settings: settings);
        var id = Samples.AgentId();
        await service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));

        // Someone else holds the agent's lock: a writer that asked for it would wait the whole ten minutes.
        var redis = service.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var lockKey = $"al:lock:{Agent.AggregateType}:{id}";
        await redis.StringSetAsync(lockKey, "held elsewhere", TimeSpan.FromMinutes(10), When.NotExists);
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await service.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AgentLightningDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(patience.Token);
                await sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "renamed in a transaction", cancellationToken: patience.Token);
                await transaction.CommitAsync(patience.Token);
            });

            var agent = await service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
            Assert.That(agent!.Name, Is.EqualTo("renamed in a transaction"));
        }
        finally
        {
            await redis.KeyDeleteAsync(lockKey);
        }
    }
}
