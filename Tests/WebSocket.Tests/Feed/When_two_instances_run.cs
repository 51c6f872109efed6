using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Feed;

[TestFixture]
public sealed class When_two_instances_run
{
    [Test]
    public async Task Should_each_deliver_every_event_to_their_own_clients()
    {
        await using var second = await SharedFeed.StartInstanceAsync();
        var agentId = AgentEvents.NewId();
        await using var onFirst = await SharedFeed.Feed.SubscribedAsync($"agent:{agentId}");
        await using var onSecond = await second.SubscribedAsync($"agent:{agentId}");

        for (var version = 1; version <= 5; version++)
        {
            await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, version));
        }

        foreach (var client in new[] { onFirst, onSecond })
        {
            var versions = new List<long>();
            for (var i = 0; i < 5; i++)
            {
                versions.Add((await client.NextEventOfAsync(agentId)).GetProperty("version").GetInt64());
            }

            Assert.That(versions, Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        }
    }
}
