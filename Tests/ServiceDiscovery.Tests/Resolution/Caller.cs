using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.ServiceDiscovery.Tests.Resolution;

/// <summary>
/// A service that calls "echo" by name with an HttpClient on service discovery, as services call each other; its
/// requests end in a <see cref="RecordingHandler"/>, so the spec sees where each one was sent.
/// </summary>
public sealed class Caller : IAsyncDisposable
{
    public const string Service = "echo";

    private readonly IHost _host;

    private Caller(IHost host, RecordingHandler handler) => (_host, Handler) = (host, handler);

    public RecordingHandler Handler { get; }

    public HttpClient Client => _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Service);

    public ServiceRegistry Registry => _host.Services.GetRequiredService<ServiceRegistry>();

    /// <summary>A caller on <paramref name="postgres"/>, with <paramref name="configured"/> as echo's address in configuration.</summary>
    public static async Task<Caller> StartAsync(string postgres, string configured, bool start = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Cache:SchemaVersion"] = "c" + Guid.NewGuid().ToString("N")[..8],
            ["Discovery:Register"] = "false",
            ["Discovery:ResolverCacheDuration"] = "00:00:00",
            [$"Services:{Service}:http:0"] = configured,
        });
        builder.AddPersistence();
        builder.AddServiceRegistry();
        var handler = new RecordingHandler();
        builder.Services.AddHttpClient(Service).ConfigurePrimaryHttpMessageHandler(() => handler).AddServiceDiscovery();
        var caller = new Caller(builder.Build(), handler);
        if (start)
        {
            // Migrates the database, so the registry's table exists.
            await caller._host.StartAsync();
        }

        return caller;
    }

    /// <summary>Registers an instance of echo straight in the registry, with the readiness it would report.</summary>
    public Task RegisterAsync(string baseUrl, string readiness = "healthy") => Registry.HeartbeatAsync(new ServiceInstance
    {
        Id = Guid.NewGuid().ToString("N"),
        Service = Service,
        BaseUrl = baseUrl,
        Version = "test",
        StartedAt = DateTimeOffset.UtcNow,
        Readiness = readiness,
    }, CancellationToken.None);

    /// <summary>Sends <paramref name="count"/> requests to http://echo/ping and returns the authority each went to.</summary>
    public async Task<IReadOnlyList<string>> CallAsync(int count)
    {
        var before = Handler.Sent.Count;
        using var client = Client;
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync($"http://{Service}/ping");
        }

        return [.. Handler.Sent.Skip(before).Select(u => u.Authority)];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Handler.Dispose();
    }
}
