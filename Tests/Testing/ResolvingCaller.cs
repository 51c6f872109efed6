using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Testing;

/// <summary>
/// A service that calls another by name (<c>http://{service}/...</c>) with an HttpClient on service discovery, as
/// services call each other: resolved through the registry in the given database, else
/// through configuration. It does not register itself.
/// </summary>
public sealed class ResolvingCaller : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _service;

    private ResolvingCaller(IHost host, string service) => (_host, _service) = (host, service);

    public ServiceRegistry Registry => _host.Services.GetRequiredService<ServiceRegistry>();

    /// <summary>A new client for the service (dispose it); its requests go to <c>http://{service}/</c>.</summary>
    public HttpClient Client() => _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(_service);

    /// <param name="postgres">The database whose registry it reads.</param>
    /// <param name="service">The name it calls, also its HttpClient's name.</param>
    /// <param name="settings">More configuration, e.g. <c>Services:{service}:http:0</c>, the fallback address.</param>
    /// <param name="primary">Where requests end; real sockets by default.</param>
    /// <param name="start">Starts the host, which migrates the database first; false for a database that cannot be reached.</param>
    public static async Task<ResolvingCaller> StartAsync(
        string postgres, string service, IDictionary<string, string?>? settings = null, Func<HttpMessageHandler>? primary = null, bool start = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Cache:SchemaVersion"] = "c" + Guid.NewGuid().ToString("N")[..8],
            ["Discovery:Register"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddPersistence();
        builder.AddServiceRegistry();
        var client = builder.Services.AddHttpClient(service, http => http.BaseAddress = new Uri($"http://{service}"));
        if (primary is not null)
        {
            client.ConfigurePrimaryHttpMessageHandler(primary);
        }

        client.AddServiceDiscovery();
        var caller = new ResolvingCaller(builder.Build(), service);
        if (start)
        {
            await caller._host.StartAsync();
        }

        return caller;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
