using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// The writer has no Redis, the reader has one. Regression: the writer bumped the cache generation only after
/// its commit, so a crash (or a failed nextval) in between left the reader serving the old value for an hour,
/// and a failed bump turned a committed write into an error.
/// </summary>
public sealed class When_a_writer_cannot_reach_redis : WriterAndReader
{
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

        // What a bump after the commit used (nextval of a sequence) fails from now on; without one, nothing changes.
        AfterCommit.Arm(() => RenameSequence("cache_generation", "cache_generation_gone"));
        try
        {
            await CacheTrust.Update(Writer, id, "after");
        }
        finally
        {
            await RenameSequence("cache_generation_gone", "cache_generation");
        }

        await CacheTrust.UntilSynchronised(Reader);
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
    }

    private async Task RenameSequence(string from, string to)
    {
        if (await Database.ScalarAsync<long>($"SELECT count(*) FROM pg_class WHERE relname = '{from}' AND relkind = 'S'") > 0)
        {
            await Database.ExecuteAsync($"ALTER SEQUENCE {from} RENAME TO {to}");
        }
    }

    private async Task<string> CreateCachedByTheReader()
    {
        var id = Samples.AgentId();
        await CacheTrust.UntilTrusted(Reader);
        await Reader.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("before"));
        return id;
    }
}
