using System.Net.WebSockets;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;

namespace AgentLightning.WebSocket.Tests.Connections;

/// <summary>
/// Regression: the token was checked only at connect, so a socket outlived its token for as long as the client kept it
/// open. Tokens here live a few seconds; a client left alone with the same expiry shows when the deadline has passed.
/// </summary>
[TestFixture]
public sealed class When_a_token_expires
{
    private const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private static LiveFeedHost Feed => SharedFeed.Feed;

    [Test]
    public async Task Should_close_the_socket_with_4401_once_it_expires()
    {
        var expires = DateTime.UtcNow + Lifetime;
        await using var client = await Feed.ConnectAsync(TestTokenAuthority.Shared.IssueExpiringAt(expires, "ella", "viewer"));

        var authenticated = await client.ExpectAsync("authenticated");
        var closed = await client.ClosedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(authenticated.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(expires)).Within(TimeSpan.FromSeconds(1)));
            Assert.That(closed, Is.EqualTo(Unauthorized), client.Closing);
            Assert.That(DateTime.UtcNow, Is.GreaterThanOrEqualTo(expires.AddSeconds(-1)), "not before the token's exp (whole seconds)");
        }
    }

    [Test]
    public async Task Should_keep_the_socket_open_past_the_first_expiry_after_a_fresh_token()
    {
        var expires = DateTime.UtcNow + Lifetime;
        await using var refreshed = await LiveClient.SubscribedAsync(Feed.SocketUri, TestTokenAuthority.Shared.IssueExpiringAt(expires, "fred", "viewer"), "agent:*");
        await using var leftAlone = await Feed.ConnectAsync(TestTokenAuthority.Shared.IssueExpiringAt(expires, "fred", "viewer"));

        await refreshed.SendAsync(new { type = "auth", token = TestTokenAuthority.Shared.Issue("fred", "viewer") });
        var again = await NextControlAsync(refreshed, "authenticated");
        Assert.That(await leftAlone.ClosedAsync(), Is.EqualTo(Unauthorized), "the first token's deadline has passed");

        await refreshed.SendAsync(new { type = "subscribe", patterns = new[] { "task:*" } });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(new DateTimeOffset(expires).AddMinutes(30)));
            Assert.That(LiveClient.Type(await NextControlAsync(refreshed, "subscribed")), Is.EqualTo("subscribed"), refreshed.Closing);
        }
    }

    [Test]
    public async Task Should_refuse_a_fresh_token_of_another_user_or_a_bad_one_and_close_at_the_first_expiry()
    {
        var expires = DateTime.UtcNow + Lifetime;
        await using var client = await Feed.ConnectAsync(TestTokenAuthority.Shared.IssueExpiringAt(expires, "gina", "viewer"));
        await client.ExpectAsync("authenticated");

        await client.SendAsync(new { type = "auth", token = TestTokenAuthority.Shared.Issue("mallory", "viewer") });
        var otherUser = await client.ExpectAsync("error");
        await client.SendAsync(new { type = "auth", token = TestTokenAuthority.Shared.IssueWithAnotherKey("gina", "viewer") });
        var forged = await client.ExpectAsync("error");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(otherUser.GetProperty("message").GetString(), Does.Contain("another user"));
            Assert.That(forged.GetProperty("message").GetString(), Does.Contain("not valid"));
            Assert.That(await client.ClosedAsync(), Is.EqualTo(Unauthorized), client.Closing);
        }
    }

    /// <summary>Skips event frames that a subscribed client may get meanwhile.</summary>
    private static async Task<System.Text.Json.JsonElement> NextControlAsync(LiveClient client, string type)
    {
        while (true)
        {
            var frame = await client.NextAsync() ?? throw new InvalidOperationException($"Expected \"{type}\", {client.Closing}.");
            if (LiveClient.Type(frame) == type)
            {
                return frame;
            }
        }
    }
}
