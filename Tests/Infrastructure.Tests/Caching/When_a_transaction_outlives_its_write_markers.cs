using System.Diagnostics;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: a write marker lived PendingTtl (30 s) whatever the transaction's length. Once it expired a
/// reader filled the old row, and a writer that died after its commit left it there for an hour.
/// </summary>
public sealed class When_a_transaction_outlives_its_write_markers : WriterAndReader
{
    private static readonly TimeSpan PendingTtl = TimeSpan.FromSeconds(2);

    private readonly TcpProxy _writerRedis = TcpProxy.ForRedis();

    protected override IDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Cache:PendingTtl"] = PendingTtl.ToString() };

    protected override string WriterRedis => _writerRedis.RedisConnectionString;

    [OneTimeTearDown]
    public void StopProxy() => _writerRedis.Dispose();

    [Test]
    public async Task Should_bump_the_generation_as_it_commits_when_it_could_not_keep_its_markers_alive()
    {
        var id = await CreateWhileBothTrustRedis();
        try
        {
            await Writer.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AgentLightningDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "after");
                _writerRedis.Cut();
                await StayOpenWhileTheReaderReads(id, markersRenewed: false);
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

    [Test]
    public async Task Should_keep_readers_off_the_entry_until_it_commits_and_serve_the_commit_after_the_writer_dies()
    {
        var id = await CreateWhileBothTrustRedis();
        await Writer.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentLightningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "after");

            await StayOpenWhileTheReaderReads(id, markersRenewed: true);

            AfterCommit.Arm(() => throw new SimulatedCrash());
            Assert.ThrowsAsync<SimulatedCrash>(() => transaction.CommitAsync());
        });

        // Renewed markers need no bump; were renewal late on a loaded machine, the commit bumped instead.
        await CacheTrust.UntilSynchronised(Reader);
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
        var cache = Reader.Services.GetRequiredService<EntityCache>();
        await Eventually.Until(async () =>
        {
            await CacheTrust.Get(Reader, id);
            return (await cache.ReadAsync<Agent>(id)).State is CacheLookupState.Hit;
        }, "the dead writer's marker expired and a reader filled the entry");
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
    }

    private async Task<string> CreateWhileBothTrustRedis()
    {
        var id = Samples.AgentId();
        await CacheTrust.UntilTrusted(Writer, Reader);
        await Writer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("before"));
        return id;
    }

    /// <summary>The reader keeps reading while the writer's transaction stays open for three marker lifetimes.</summary>
    private async Task StayOpenWhileTheReaderReads(string id, bool markersRenewed)
    {
        var cache = Reader.Services.GetRequiredService<EntityCache>();
        var open = Stopwatch.StartNew();
        await Eventually.Until(async () =>
        {
            Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("before"), "not committed yet");
            if (markersRenewed)
            {
                Assert.That((await cache.ReadAsync<Agent>(id)).State, Is.EqualTo(CacheLookupState.Bypass), "the marker keeps readers off");
            }

            return open.Elapsed > 3 * PendingTtl;
        }, "the transaction has outlived its markers' lifetime");
    }
}
