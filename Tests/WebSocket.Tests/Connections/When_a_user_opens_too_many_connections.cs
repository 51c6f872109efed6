using System.Net.WebSockets;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Connections;

[TestFixture]
public sealed class When_a_user_opens_too_many_connections
{
    private const WebSocketCloseStatus TooManyConnections = (WebSocketCloseStatus)4429;

    private LiveFeedHost _feed = null!;

    [OneTimeSetUp]
    public async Task Start() => _feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?> { ["WebSocket:MaxConnectionsPerUser"] = "2" });

    [OneTimeTearDown]
    public async Task Stop() => await _feed.DisposeAsync();

    [Test]
    public async Task Should_close_the_surplus_with_4429_and_take_a_connection_once_one_closes()
    {
        var first = await ConnectAsync("uma");
        await using var second = await ConnectAsync("uma");
        await using var other = await ConnectAsync("val");
        await using var surplus = await _feed.ConnectAsync(TestTokenAuthority.Shared.Issue("uma", "viewer"));

        Assert.That(await surplus.ClosedAsync(), Is.EqualTo(TooManyConnections), surplus.Closing);
        Assert.That(surplus.Closing, Does.Contain("2 connections"));

        await first.DisposeAsync();
        await Eventually.Until(() => _feed.Feed.Count == 2, "the closed connection leaves the feed");
        await using var replacement = await ConnectAsync("uma");
        Assert.That(replacement.State, Is.EqualTo(WebSocketState.Open));
    }

    private async Task<LiveClient> ConnectAsync(string user)
    {
        var client = await _feed.ConnectAsync(TestTokenAuthority.Shared.Issue(user, "viewer"));
        await client.ExpectAsync("authenticated");
        return client;
    }
}
