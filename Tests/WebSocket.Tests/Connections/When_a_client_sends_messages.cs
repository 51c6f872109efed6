using AgentLightning.Testing;
using System.Net.WebSockets;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Connections;

[TestFixture]
public sealed class When_a_client_sends_messages
{
    [Test]
    public async Task Should_answer_a_bad_pattern_with_an_error_and_stay_open()
    {
        await using var client = await SharedFeed.Feed.SubscribedAsync("agent:none");
        await client.SendAsync(new { type = "subscribe", patterns = new[] { "agent/*" } });
        var error = await client.NextAsync();
        await client.SendTextAsync("{not json");
        var notJson = await client.NextAsync();
        await client.SendAsync(new { type = "subscribe", patterns = new[] { "task:*" } });
        var subscribed = await client.NextAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(LiveClient.Type(error), Is.EqualTo("error"));
            Assert.That(error!.Value.GetProperty("message").GetString(), Does.Contain("agent/*"));
            Assert.That(LiveClient.Type(notJson), Is.EqualTo("error"));
            Assert.That(LiveClient.Type(subscribed), Is.EqualTo("subscribed"));
            Assert.That(subscribed!.Value.GetProperty("patterns").EnumerateArray().Select(p => p.GetString()), Is.EquivalentTo(new[] { "agent:none", "task:*" }));
            Assert.That(client.State, Is.EqualTo(WebSocketState.Open));
        }
    }

    [Test]
    public async Task Should_close_with_1009_for_an_oversized_message()
    {
        await using var client = await SharedFeed.Feed.SubscribedAsync("agent:none");
        await client.SendAsync(new { type = "subscribe", patterns = Enumerable.Range(0, 600).Select(i => $"agent:a{i}").ToArray() });
        Assert.That(await client.ClosedAsync(), Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
    }

    [Test]
    public async Task Should_send_only_what_matches_until_unsubscribed()
    {
        var (followed, other) = (AgentEvents.NewId(), AgentEvents.NewId());
        await using var client = await SharedFeed.Feed.SubscribedAsync($"agent:{followed}");

        await SharedFeed.PublishAsync(AgentEvents.Updated(other, 1));
        await SharedFeed.PublishAsync(AgentEvents.Updated(followed, 1));
        var first = await client.NextAsync();

        await client.SendAsync(new { type = "unsubscribe", patterns = new[] { $"agent:{followed}" } });
        Assert.That(LiveClient.Type(await client.NextAsync()), Is.EqualTo("subscribed"));
        await client.SendAsync(new { type = "subscribe", patterns = new[] { $"agent:{other}" } });
        Assert.That(LiveClient.Type(await client.NextAsync()), Is.EqualTo("subscribed"));
        await SharedFeed.PublishAsync(AgentEvents.Updated(followed, 2));
        await SharedFeed.PublishAsync(AgentEvents.Updated(other, 2));
        var second = await client.NextAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!.Value.GetProperty("channel").GetString(), Is.EqualTo("agent:updated"));
            Assert.That(first.Value.GetProperty("aggregateId").GetString(), Is.EqualTo(followed));
            Assert.That(first.Value.GetProperty("service").GetString(), Is.EqualTo("agent-designer"));
            Assert.That(first.Value.GetProperty("data").GetProperty("agentId").GetString(), Is.EqualTo(followed));
            Assert.That(second!.Value.GetProperty("aggregateId").GetString(), Is.EqualTo(other), "nothing of the unsubscribed agent comes first");
        }
    }
}
