using System.Diagnostics;
using System.Net.WebSockets;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Connections;

/// <summary>
/// Regression: a signed-in client that never did anything stayed open for good (its browser answers the protocol's
/// pings by itself). This instance closes a connection after two seconds without a message either way; the clients
/// kept busy here ping or get an event every half second, for three times that long.
/// </summary>
[TestFixture]
public sealed class When_a_connection_is_idle
{
    private const WebSocketCloseStatus Idle = (WebSocketCloseStatus)4440;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Pace = IdleTimeout / 4;
    private static readonly TimeSpan Watched = IdleTimeout * 3;

    private LiveFeedHost _feed = null!;

    [OneTimeSetUp]
    public async Task Start() => _feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?> { ["WebSocket:IdleTimeout"] = "00:00:02" });

    [OneTimeTearDown]
    public async Task Stop() => await _feed.DisposeAsync();

    [Test]
    public async Task Should_close_a_client_that_sends_and_receives_nothing_with_4440()
    {
        using var closedAsIdle = new PlatformCounter("websocket_clients_closed", tag => tag is { Key: "code", Value: int code } && code == (int)Idle);
        await using var client = await _feed.SubscribedAsync($"agent:{AgentEvents.NewId()}");
        var subscribed = Stopwatch.GetTimestamp();

        var closed = await client.ClosedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed, Is.EqualTo(Idle), client.Closing);
            Assert.That(client.Closing, Does.Contain("ping"), "the reason says how to stay connected");
            Assert.That(Stopwatch.GetElapsedTime(subscribed), Is.GreaterThan(IdleTimeout - TimeSpan.FromMilliseconds(250)), "not before the idle timeout");
            Assert.That(closedAsIdle.Count, Is.EqualTo(1), "websocket_clients_closed counts it by its code");
        }
    }

    [Test]
    public async Task Should_keep_a_client_that_pings_open_past_several_timeouts()
    {
        await using var client = await _feed.SubscribedAsync($"agent:{AgentEvents.NewId()}");

        // The pause is the client's own pace (a ping every half second), not a wait for the server.
        for (var watched = Stopwatch.StartNew(); watched.Elapsed < Watched; await Task.Delay(Pace))
        {
            await client.SendAsync(new { type = "ping" });
            await client.ExpectAsync("pong");
        }

        Assert.That(client.State, Is.EqualTo(WebSocketState.Open), client.Closing);
    }

    [Test]
    public async Task Should_keep_a_client_that_receives_events_open_and_close_a_quiet_one()
    {
        var agentId = AgentEvents.NewId();
        await using var receiving = await _feed.SubscribedAsync($"agent:{agentId}");
        await using var quiet = await _feed.SubscribedAsync($"agent:{AgentEvents.NewId()}");

        // The receiving client only reads: the events the feed sends it are its connection's traffic.
        var version = 0;
        for (var watched = Stopwatch.StartNew(); watched.Elapsed < Watched; await Task.Delay(Pace))
        {
            await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, ++version));
            Assert.That((await receiving.NextEventOfAsync(agentId)).GetProperty("version").GetInt64(), Is.EqualTo(version), receiving.Closing);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(receiving.State, Is.EqualTo(WebSocketState.Open), receiving.Closing);
            Assert.That(await quiet.ClosedAsync(), Is.EqualTo(Idle), "meanwhile the quiet client was closed: " + quiet.Closing);
        }
    }
}
