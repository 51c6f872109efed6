using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: a transaction marked under epoch g, then its writer lost Redis while the epoch moved on (a Redis
/// restart, another process's bump). A reader synchronised to the new epoch filled the pre-commit row there; the
/// commit did not bump (its markers were young) and the writer, distrusting Redis, skipped its cache update:
/// the old value stayed for the entry's TTL.
/// </summary>
public sealed class When_a_writer_loses_redis_before_its_commit : WriterAndReader
{
    private readonly TcpProxy _writerRedis = TcpProxy.ForRedis();

    protected override string WriterRedis => _writerRedis.RedisConnectionString;

    [OneTimeTearDown]
    public void StopProxy() => _writerRedis.Dispose();

    [Test]
    public async Task Should_bump_the_generation_as_it_commits_when_it_no_longer_trusts_the_marks_epoch()
    {
        var id = await CreateCachedByTheReader();
        try
        {
            await CacheTrust.UntilTrusted(Writer);
            await Writer.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AgentLightningDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "after");
                _writerRedis.Cut();
                await Eventually.Until(() => !Writer.Services.GetRequiredService<CacheGeneration>().IsTrusted, "the writer distrusts Redis");

                // The epoch moves on as another process's bump would move it; the reader fills the old row there.
                await Database.ExecuteAsync($"UPDATE {AgentLightningDbContext.CacheGenerationTable} SET value = value + 1");
                await CacheTrust.UntilSynchronised(Reader);
                Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("before"), "read before the commit");
                await transaction.CommitAsync();
            });

            await CacheTrust.UntilSynchronised(Reader);
            Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
        }
        finally
        {
            _writerRedis.Restore();
        }
    }
}
