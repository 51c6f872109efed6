using System.Net.Http.Headers;
using AgentLightning.Testing;

namespace AgentLightning.WebSocket.Tests.Feed;

[TestFixture]
public sealed class When_the_feed_is_measured
{
    [Test]
    public async Task Should_export_its_connections_and_frames_on_metrics()
    {
        await using var client = await SharedFeed.Feed.SubscribedAsync("agent:none");
        using var http = new HttpClient { BaseAddress = SharedFeed.Feed.HttpUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue("scraper", "viewer"));

        var text = "";
        await Eventually.Until(async () =>
        {
            text = await http.GetStringAsync("/metrics");
            return text.Contains("websocket_connections", StringComparison.Ordinal) && text.Contains("websocket_frames_sent", StringComparison.Ordinal);
        }, "the feed's instruments are on /metrics");
        Assert.That(text, Does.Contain("websocket_connections"));
    }
}
