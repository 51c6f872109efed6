using System.Diagnostics;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// The writer has no Redis, the reader has one. Regression: the writer bumped the cache generation only after
/// its commit, so a crash (or a failed nextval) in between left the reader serving the old value for an hour,
/// and a failed bump turned a committed write into an error.
/// </summary>
public sealed class When_a_writer_cannot_reach_redis : WriterAndReader
{
    private const string Table = AgentLightningDbContext.CacheGenerationTable;

    protected override string WriterRedis => "127.0.0.1:1";

    [Test]
    public async Task Should_show_the_write_everywhere_even_if_the_writer_dies_right_after_its_commit()
    {
        var id = await CreateCachedByTheReader();

        AfterCommit.Arm(() => throw new SimulatedCrash());
        Assert.ThrowsAsync<SimulatedCrash>(() => CacheTrust.Update(Writer, id, "after"));
        Assert.That(await Database.ScalarAsync<string>($"SELECT name FROM agents WHERE id = '{id}'"), Is.EqualTo("after"), "committed");

        await CacheTrust.UntilSynchronised(Reader);
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
    }

    [Test]
    public async Task Should_not_fail_a_committed_write_when_postgres_fails_right_after_the_commit()
    {
        var id = await CreateCachedByTheReader();

        // The generation table is gone from the commit on: a bump after the commit (as there once was) fails.
        AfterCommit.Arm(() => Database.ExecuteAsync($"ALTER TABLE {Table} RENAME TO {Table}_gone"));
        try
        {
            await CacheTrust.Update(Writer, id, "after");
        }
        finally
        {
            await Database.ExecuteAsync($"ALTER TABLE IF EXISTS {Table}_gone RENAME TO {Table}");
        }

        await CacheTrust.UntilSynchronised(Reader);
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
    }

    /// <summary>By then every process has synchronised since the commit (seeing the bump) or stopped trusting Redis.</summary>
    [Test]
    public async Task Should_return_its_write_only_a_trust_lease_after_the_commit()
    {
        var id = await CreateCachedByTheReader();
        var lease = Writer.Services.GetRequiredService<CacheGeneration>().Lease;

        var write = Stopwatch.StartNew();
        await CacheTrust.Update(Writer, id, "after");

        Assert.That(write.Elapsed, Is.GreaterThanOrEqualTo(lease));
    }
}
