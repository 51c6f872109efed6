using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>
/// One fixture's platform on the real servers: a scratch database and queue prefix, and a neighbouring service
/// that publishes events, sends the hub commands and records what the hub announces. The hub itself is a
/// <see cref="HubApp"/> on this platform.
/// </summary>
public sealed class HubPlatform : IAsyncDisposable
{
    private readonly ScratchQueues _queues = new();
    private PlatformTestHost? _neighbour;

    private HubPlatform(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }

    public string QueuePrefix => _queues.Prefix;

    /// <summary>The cache schema the test hosts of this prefix use, so every host (and the hub) shares one cache.</summary>
    public string CacheSchema => "m" + QueuePrefix.Replace("-", "", StringComparison.Ordinal);

    public HubAnnouncements Announced { get; } = new();

    public static async Task<HubPlatform> StartAsync()
    {
        var platform = new HubPlatform(await ScratchDatabase.CreateAsync());
        try
        {
            platform._neighbour = await MessagingTestHost.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix,
                bus => bus.AddConsumer<HubAnnouncementRecorder>(), serviceName: "hub-neighbour",
                configure: b => b.Services.AddSingleton(platform.Announced));
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes an event as its owner would; a given <paramref name="messageId"/> makes a redelivery of the same event.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        Neighbour.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid());

    /// <summary>Sends a command to the hub's queue as another service does; returns its message id.</summary>
    public async Task<Guid> SendAsync<T>(T command) where T : class
    {
        var bus = Neighbour.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{CommandRouting.QueueOf(typeof(T), QueuePrefix)}"));
        var messageId = NewId.NextGuid();
        await endpoint.Send(command, c => c.MessageId = messageId);
        return messageId;
    }

    /// <summary>Whether a consumer has committed its work for this message (its inbox row commits with it).</summary>
    public async Task<bool> ConsumedAsync(Guid messageId) =>
        await Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'") > 0;

    public async ValueTask DisposeAsync()
    {
        if (_neighbour is not null)
        {
            await _neighbour.DisposeAsync();
        }

        await _queues.DisposeAsync();
        await Database.DisposeAsync();
    }

    private PlatformTestHost Neighbour => _neighbour ?? throw new InvalidOperationException("The platform did not start.");
}
