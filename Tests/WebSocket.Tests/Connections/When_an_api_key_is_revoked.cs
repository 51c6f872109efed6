using System.Net.WebSockets;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.WebSocket.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.WebSocket.Tests.Connections;

/// <summary>
/// Regression: an API key was checked at connect only, so a socket opened with it stayed open after the key was
/// revoked and past its expiry. This instance checks keys every second.
/// </summary>
[TestFixture]
public sealed class When_an_api_key_is_revoked
{
    private const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;

    private LiveFeedHost _feed = null!;

    [OneTimeSetUp]
    public async Task Start() => _feed = await SharedFeed.StartInstanceAsync(new Dictionary<string, string?> { ["WebSocket:ApiKeyRecheckInterval"] = "00:00:01" });

    [OneTimeTearDown]
    public async Task Stop() => await _feed.DisposeAsync();

    [Test]
    public async Task Should_close_its_socket_with_4401_at_the_next_check_and_leave_another_keys_open()
    {
        var (revokedId, revoked) = await CreateKeyAsync(DateTimeOffset.UtcNow.AddDays(30));
        var (_, kept) = await CreateKeyAsync(DateTimeOffset.UtcNow.AddDays(30));
        await using var client = await _feed.ConnectAsync(revoked);
        await using var other = await _feed.ConnectAsync(kept);
        await client.ExpectAsync("authenticated");
        await other.ExpectAsync("authenticated");

        await UpdateKeyAsync(revokedId, key => key.RevokedAt = DateTimeOffset.UtcNow);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await client.ClosedAsync(), Is.EqualTo(Unauthorized), client.Closing);
            Assert.That(client.Closing, Does.Contain("revoked"));
            Assert.That(other.State, Is.EqualTo(WebSocketState.Open), "another key's socket stays open");
        }
    }

    [Test]
    public async Task Should_close_its_socket_at_the_keys_expiry()
    {
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        var (_, key) = await CreateKeyAsync(expires);
        await using var client = await _feed.ConnectAsync(key);

        var authenticated = await client.ExpectAsync("authenticated");
        var closed = await client.ClosedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(authenticated.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(expires).Within(TimeSpan.FromSeconds(1)));
            Assert.That(closed, Is.EqualTo(Unauthorized), client.Closing);
            Assert.That(DateTimeOffset.UtcNow, Is.GreaterThanOrEqualTo(expires.AddSeconds(-1)), "not before the key's expiry (whole seconds, as a token's exp)");
        }
    }

    /// <summary>A viewer key, as Auth stores one (the feed reads the same table).</summary>
    private async Task<(Guid Id, string Key)> CreateKeyAsync(DateTimeOffset expires)
    {
        var id = Guid.NewGuid();
        var (key, hash) = ApiKeySecret.Create(id);
        await using var scope = _feed.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
        db.ApiKeys.Add(new ApiKey { Id = id, Name = "live-feed-reader", Role = "viewer", SecretHash = hash, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = expires });
        await db.SaveChangesAsync();
        return (id, key);
    }

    private async Task UpdateKeyAsync(Guid id, Action<ApiKey> change)
    {
        await using var scope = _feed.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
        change(await db.ApiKeys.SingleAsync(k => k.Id == id));
        await db.SaveChangesAsync();
    }
}
