using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: a save on its own whose COMMIT reached PostgreSQL but whose connection failed before the answer
/// deleted its write marker; a reader that had read the old row filled it, and with no cache update after the
/// "failed" save the old value stayed for the entry's TTL.
/// </summary>
public sealed class When_a_save_loses_its_connection_at_the_commit : WriterAndReader
{
    [Test]
    public async Task Should_keep_its_marker_so_a_reader_of_the_old_row_cannot_fill_it()
    {
        var id = await CreateCachedByTheReader();
        var cache = Reader.Services.GetRequiredService<EntityCache>();
        var before = (await CacheTrust.Get(Reader, id))!;
        var lookup = await cache.ReadAsync<Agent>(id);
        await CacheTrust.UntilTrusted(Writer);

        AfterCommit.Arm(() => throw new NpgsqlException("connection lost after the commit", new IOException("reset")));
        Assert.That(() => CacheTrust.Update(Writer, id, "after"), Throws.InnerException.InstanceOf<NpgsqlException>());
        Assert.That(await Database.ScalarAsync<string>($"SELECT name FROM agents WHERE id = '{id}'"), Is.EqualTo("after"), "committed");

        // The reader that read "before" from PostgreSQL ahead of the commit fills it now.
        await cache.FillAsync(lookup, before);
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("after"));
    }
}
