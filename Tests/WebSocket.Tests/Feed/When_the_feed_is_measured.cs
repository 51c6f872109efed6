using System.Globalization;
using System.Net.Http.Headers;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Feed;

[TestFixture]
public sealed class When_the_feed_is_measured
{
    [Test]
    public async Task Should_export_its_connections_and_frames_on_metrics()
    {
        await using var client = await SharedFeed.Feed.SubscribedAsync("agent:none");
        using var http = Scraper();

        var text = "";
        await Eventually.Until(async () =>
        {
            text = await http.GetStringAsync("/metrics");
            return text.Contains("websocket_connections", StringComparison.Ordinal) && text.Contains("websocket_frames_sent", StringComparison.Ordinal);
        }, "the feed's instruments are on /metrics");
        Assert.That(text, Does.Contain("websocket_connections"));
    }

    [Test]
    public async Task Should_export_how_long_an_event_took_to_reach_the_socket()
    {
        var agentId = AgentEvents.NewId();
        await using var client = await SharedFeed.Feed.SubscribedAsync($"agent:{agentId}");
        using var http = Scraper();
        var queuedBefore = await CountAsync(http, "websocket_event_delay_seconds_count");
        var writtenBefore = await CountAsync(http, "websocket_frame_delay_seconds_count");

        await SharedFeed.PublishAsync(AgentEvents.Updated(agentId, 1));
        await client.NextEventOfAsync(agentId);

        // The hops of the event-propagation benchmark: publish → queued for the clients, queued → written on a socket.
        await Eventually.Until(
            async () => await CountAsync(http, "websocket_event_delay_seconds_count") > queuedBefore
                && await CountAsync(http, "websocket_frame_delay_seconds_count") > writtenBefore,
            "the event's delay and its frame's delay are on /metrics");
    }

    private static HttpClient Scraper()
    {
        var http = new HttpClient { BaseAddress = SharedFeed.Feed.HttpUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue("scraper", "viewer"));
        return http;
    }

    /// <summary>A sample's value follows its labels' closing brace; absent before the first measurement.</summary>
    private static async Task<double> CountAsync(HttpClient http, string sample) =>
        (await http.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith(sample + "{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture));
}
