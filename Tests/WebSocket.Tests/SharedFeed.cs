using AgentLightning.Testing;
using AgentLightning.WebSocket.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.WebSocket.Tests;

/// <summary>
/// A scratch database and queue prefix for every fixture, one WebSocket instance with the default limits, and a
/// publisher on the bus standing in for the services that own the events. The event exchanges are the broker's
/// (every test run's events reach the feed), so each spec follows aggregates with ids of its own.
/// </summary>
[SetUpFixture]
public sealed class SharedFeed
{
    private static ScratchDatabase? _database;
    private static ScratchQueues? _queues;
    private static PlatformTestHost? _publisher;
    private static LiveFeedHost? _feed;

    public static string Postgres => (_database ?? throw NotStarted()).ConnectionString;

    public static string QueuePrefix => (_queues ?? throw NotStarted()).Prefix;

    public static LiveFeedHost Feed => _feed ?? throw NotStarted();

    /// <summary>Publishes as the owning service would, straight to the broker.</summary>
    public static Task PublishAsync<T>(T message) where T : class =>
        (_publisher ?? throw NotStarted()).Services.GetRequiredService<IBus>().Publish(message);

    public static Task<LiveFeedHost> StartInstanceAsync(IDictionary<string, string?>? settings = null) =>
        LiveFeedHost.StartAsync(Postgres, QueuePrefix, settings);

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _queues = new ScratchQueues();
        _feed = await StartInstanceAsync();
        _publisher = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix, serviceName: "event-publisher");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }

        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }

        if (_queues is not null)
        {
            await _queues.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The shared feed did not start.");
}
