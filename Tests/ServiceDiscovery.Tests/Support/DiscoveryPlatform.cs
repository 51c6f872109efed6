using System.Collections.Concurrent;
using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.ServiceDiscovery.Tests.Support;

/// <summary>
/// One fixture's registry: a scratch database and queue prefix, Service Discovery processes on them, instances of
/// made-up services that register from test hosts, and a subscriber that records every ServiceHealthChanged.
/// Heartbeats, expiry and the monitor run faster than by default so the specs take seconds.
/// </summary>
public sealed class DiscoveryPlatform : IAsyncDisposable
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3);

    private readonly List<ServiceProcess> _processes = [];
    private readonly ConcurrentBag<PlatformTestHost> _hosts = [];
    private PlatformTestHost? _subscriber;

    private DiscoveryPlatform(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }

    public ScratchQueues Queues { get; } = new();

    public HealthEvents Events { get; } = new();

    /// <summary>The Service Discovery processes in the order they started.</summary>
    public IReadOnlyList<ServiceProcess> Processes
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes];
            }
        }
    }

    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["ConnectionStrings__Postgres"] = Database.ConnectionString,
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        ["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq,
        ["Auth__Authority"] = TestTokenAuthority.Shared.Authority,
        ["Messaging__QueuePrefix"] = Queues.Prefix,
        ["Messaging__WaitUntilStarted"] = "true",
        ["Messaging__Outbox__PollInterval"] = "00:00:00.200",
        ["Cache__SchemaVersion"] = "d" + Queues.Prefix.Replace("-", "", StringComparison.Ordinal),
        ["Logging__LogLevel__Default"] = "Warning",
        ["Discovery__HeartbeatInterval"] = "00:00:00.500",
        ["Discovery__Expiry"] = Expiry.ToString(),
        ["ServiceDiscovery__MonitorInterval"] = "00:00:00.100",
    };

    public static async Task<DiscoveryPlatform> StartAsync(int discoveryInstances = 1)
    {
        var platform = new DiscoveryPlatform(await ScratchDatabase.CreateAsync());
        try
        {
            platform._subscriber = await MessagingTestHost.StartAsync(
                platform.Database.ConnectionString, platform.Queues.Prefix, bus => bus.AddConsumer<HealthEventRecorder>(),
                serviceName: "health-recorder", settings: new Dictionary<string, string?> { ["Discovery:Register"] = "false" },
                configure: b => b.Services.AddSingleton(platform.Events));
            await Task.WhenAll(Enumerable.Range(0, discoveryInstances).Select(_ => platform.StartDiscoveryAsync()));
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public async Task<ServiceProcess> StartDiscoveryAsync()
    {
        var process = await ServiceProcess.StartAsync("ServiceDiscovery", Variables);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>
    /// An instance of <paramref name="service"/> that registers itself at <paramref name="baseUrl"/>, as every service
    /// does, in this platform's database (through <paramref name="postgres"/> when given, e.g. a proxy).
    /// </summary>
    public async Task<PlatformTestHost> RegisterAsync(
        string service, string baseUrl, Action<IHostApplicationBuilder>? configure = null, string? postgres = null)
    {
        var host = await PlatformTestHost.StartAsync(postgres ?? Database.ConnectionString, TestServers.Redis, "r" + Guid.NewGuid().ToString("N")[..8], service,
            new Dictionary<string, string?>
            {
                ["Discovery:BaseUrl"] = baseUrl,
                ["Discovery:HeartbeatInterval"] = "00:00:00.500",
                ["Discovery:Expiry"] = Expiry.ToString(),
            }, builder =>
            {
                builder.Services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.SectionName);
                builder.AddServiceRegistry();
                configure?.Invoke(builder);
            });
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Processes.Select(p => p.DisposeAsync().AsTask()));
        await Task.WhenAll(_hosts.Select(h => h.DisposeAsync().AsTask()));
        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        await Queues.DisposeAsync();
        await Database.DisposeAsync();
    }
}
