using AgentLightning.Testing;
using AgentLightning.Testing.Processes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>
/// One fixture's platform: a scratch database, a queue prefix and cache schema of its own, a subscriber in
/// another service that records the events, and as many Agent Designer processes as the fixture starts.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private PlatformTestHost? _subscriber;

    private TestPlatform(ServiceEnvironment environment) => Environment = environment;

    public ServiceEnvironment Environment { get; }

    public RecordedEvents Events { get; } = new();

    public static async Task<TestPlatform> StartAsync(int services)
    {
        var platform = new TestPlatform(await ServiceEnvironment.CreateAsync());
        try
        {
            var starting = Enumerable.Range(0, services).Select(_ => platform.StartServiceAsync()).ToList();
            platform._subscriber = await MessagingTestHost.StartAsync(
                platform.Environment.Database.ConnectionString, platform.Environment.QueuePrefix, bus => bus.AddConsumer<EventRecorder>(),
                serviceName: "event-recorder", configure: b => b.Services.AddSingleton(platform.Events));
            await Task.WhenAll(starting);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public ServiceProcess Service(int index) => _services[index];

    /// <summary>Publishes as another service would (the subscriber's bus, straight to the broker).</summary>
    public Task PublishAsync<T>(T message) where T : class =>
        (_subscriber ?? throw new InvalidOperationException("The platform did not start.")).Services.GetRequiredService<IBus>().Publish(message);

    public async Task<ServiceProcess> StartServiceAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var service = await ServiceProcess.StartAsync("AgentDesigner", Environment.Variables, overrides);
        lock (_services)
        {
            _services.Add(service);
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_services.Select(s => s.DisposeAsync().AsTask()));
        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        await Environment.Queues.DisposeAsync();
        await Environment.Database.DisposeAsync();
    }
}
