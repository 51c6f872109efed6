using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Feed;

[TestFixture]
public sealed class When_an_older_version_arrives_late
{
    [Test]
    public async Task Should_not_send_it_after_the_newer_one()
    {
        var agentId = AgentEvents.NewId();
        await using var client = await SharedFeed.Feed.SubscribedAsync($"agent:{agentId}");
        var skippedBefore = SharedFeed.Feed.Metrics.StaleSkipped;

        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, 2));
        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, 1));
        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, 2));
        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, 3));

        var versions = new[] { await client.NextEventOfAsync(agentId), await client.NextEventOfAsync(agentId) }
            .Select(e => e.GetProperty("version").GetInt64());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(versions, Is.EqualTo(new[] { 2L, 3L }));
            Assert.That(SharedFeed.Feed.Metrics.StaleSkipped - skippedBefore, Is.GreaterThanOrEqualTo(2), "the late v1 and the repeated v2 are counted");
        }
    }
}
