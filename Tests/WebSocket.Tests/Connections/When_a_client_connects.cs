using System.Net;
using System.Net.WebSockets;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Connections;

[TestFixture]
public sealed class When_a_client_connects
{
    private const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    private const WebSocketCloseStatus Forbidden = (WebSocketCloseStatus)4403;

    private LiveFeedHost _feed = null!;

    /// <summary>An instance of its own with a short wait for the first message, so the no-token case ends quickly.</summary>
    [OneTimeSetUp]
    public async Task Start() => _feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?> { ["WebSocket:AuthTimeout"] = "00:00:02" });

    [OneTimeTearDown]
    public async Task Stop() => await _feed.DisposeAsync();

    [Test]
    public async Task Should_close_with_4401_when_no_token_comes()
    {
        await using var client = await _feed.ConnectAsync();
        Assert.That(await client.ClosedAsync(), Is.EqualTo(Unauthorized));
    }

    [Test]
    public async Task Should_close_with_4401_for_a_bad_token()
    {
        await using var garbage = await _feed.ConnectAsync("not-a-token");
        await using var forged = await _feed.ConnectAsync(TestTokenAuthority.Shared.IssueWithAnotherKey("mallory", "admin"));
        await using var unknownKey = await _feed.ConnectAsync("alk_" + Guid.NewGuid().ToString("N") + "_secret");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await garbage.ClosedAsync(), Is.EqualTo(Unauthorized));
            Assert.That(await forged.ClosedAsync(), Is.EqualTo(Unauthorized));
            Assert.That(await unknownKey.ClosedAsync(), Is.EqualTo(Unauthorized));
        }
    }

    [Test]
    public async Task Should_close_with_4401_when_the_first_message_is_not_auth()
    {
        await using var client = await _feed.ConnectAsync();
        await client.SendAsync(new { type = "subscribe", patterns = new[] { "*" } });
        Assert.That(await client.ClosedAsync(), Is.EqualTo(Unauthorized));
    }

    [Test]
    public async Task Should_close_with_4403_for_a_role_below_viewer()
    {
        await using var client = await _feed.ConnectAsync(TestTokenAuthority.Shared.Issue("nobody"));
        Assert.That(await client.ClosedAsync(), Is.EqualTo(Forbidden));
    }

    [Test]
    public async Task Should_accept_a_viewer_token_in_the_query()
    {
        await using var client = await _feed.ConnectAsync(TestTokenAuthority.Shared.Issue("vera", "viewer"));
        var frame = await client.NextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(LiveClient.Type(frame), Is.EqualTo("authenticated"));
            Assert.That(frame!.Value.GetProperty("subject").GetString(), Is.EqualTo("vera"));
        }
    }

    [Test]
    public async Task Should_accept_a_viewer_token_in_the_first_message()
    {
        await using var client = await _feed.ConnectAsync();
        await client.SendAsync(new { type = "auth", token = TestTokenAuthority.Shared.Issue("vic", "viewer") });
        Assert.That(LiveClient.Type(await client.NextAsync()), Is.EqualTo("authenticated"));
        await client.SendAsync(new { type = "subscribe", patterns = new[] { "agent:*" } });
        Assert.That(LiveClient.Type(await client.NextAsync()), Is.EqualTo("subscribed"));
    }

    [Test]
    public async Task Should_answer_a_plain_request_with_400()
    {
        using var http = new HttpClient { BaseAddress = _feed.HttpUri };
        using var response = await http.GetAsync("/ws");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
