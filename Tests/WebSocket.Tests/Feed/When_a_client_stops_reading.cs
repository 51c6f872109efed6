using System.Diagnostics;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Feed;

[TestFixture]
public sealed class When_a_client_stops_reading
{
    private const int Events = 400;

    /// <summary>Large enough (with <see cref="Events"/>) to fill the socket buffers of loopback TCP, so the server's own buffer fills.</summary>
    private static readonly string Padding = new('x', 32 * 1024);

    [Test]
    public async Task Should_not_hold_back_another_client_and_be_closed_once_it_stays_behind()
    {
        await using var feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?>
        {
            ["WebSocket:SendBufferFrames"] = "16",
            ["WebSocket:SlowClientTimeout"] = "00:00:02",
        });
        var agentId = AgentEvents.NewId();
        await using var stalled = await feed.SubscribedAsync($"agent:{agentId}");
        await using var reading = await feed.SubscribedAsync($"agent:{agentId}");

        // One event at a time, each read by the reading client before the next: every one of them reaches it while
        // the stalled client's frames pile up in the server.
        var slowest = TimeSpan.Zero;
        for (var version = 1; version <= Events; version++)
        {
            var started = Stopwatch.GetTimestamp();
            await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, version, Padding));
            Assert.That((await reading.NextEventOfAsync(agentId)).GetProperty("version").GetInt64(), Is.EqualTo(version));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        }

        await Eventually.Until(() => feed.Feed.Count == 1, "the stalled client is closed");
        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, Events + 1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(feed.Metrics.Dropped, Is.GreaterThan(0), "the stalled client's frames were dropped and counted");
            Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(5)), "each event reached the reading client promptly");
            Assert.That((await reading.NextEventOfAsync(agentId)).GetProperty("version").GetInt64(), Is.EqualTo(Events + 1));
        }
    }

    [Test]
    public async Task Should_tell_it_how_many_frames_it_lost_once_it_reads_again()
    {
        await using var feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?>
        {
            ["WebSocket:SendBufferFrames"] = "16",
            ["WebSocket:SlowClientTimeout"] = "00:05:00",
        });
        var agentId = AgentEvents.NewId();
        await using var client = await feed.SubscribedAsync($"agent:{agentId}");

        for (var version = 1; feed.Metrics.Dropped == 0; version++)
        {
            Assert.That(version, Is.LessThanOrEqualTo(2 * Events), "frames are dropped once the socket's buffers are full too");
            await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, version, Padding));
        }

        var events = 0;
        var frame = await client.NextAsync();
        for (; LiveClient.Type(frame) is null; frame = await client.NextAsync())
        {
            events++;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(LiveClient.Type(frame), Is.EqualTo("dropped"), "the notice follows the frames that were queued");
            Assert.That(frame!.Value.GetProperty("count").GetInt64(), Is.InRange(1, feed.Metrics.Dropped));
            Assert.That(events, Is.GreaterThan(0), "the frames queued before the buffer filled arrive first");
        }
    }
}
