using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Application;

/// <summary>
/// Regression: KnowledgeAgentKeyAndRejectedLetters deleted orphaned items behind the cache's back, so processes
/// kept serving them from Redis for up to an hour. A new cache generation makes every process distrust Redis.
/// </summary>
public sealed class When_the_knowledge_key_migration_removes_orphans
{
    private const string Before = "20261203041317_CacheGenerationInTransactions";
    private const string Migration = "20261203041334_KnowledgeAgentKeyAndRejectedLetters";

    [Test]
    public async Task Should_move_the_cache_generation_on()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await database.MigrateToAsync(Before);
        await database.ExecuteAsync(
            "INSERT INTO knowledge (id, agent_id, category, content, metadata, usage_count, relevance_score, created_at, version) " +
            "VALUES (gen_random_uuid(), 'deleted-agent', 'docs', 'Orphan.', '{}', 0, 0, now(), 1)");
        var generation = await database.ScalarAsync<long>("SELECT value FROM cache_generation");

        await database.MigrateToAsync(Migration);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM knowledge"), Is.Zero, "the orphan is gone");
            Assert.That(await database.ScalarAsync<long>("SELECT value FROM cache_generation"), Is.GreaterThan(generation));
        });
    }
}
