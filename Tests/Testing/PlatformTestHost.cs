using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Testing;

/// <summary>
/// One "service" in a test: a real host with the shared data layer on a scratch database and a Redis server.
/// Several of them on the same database and cache schema behave like several services.
/// </summary>
public sealed class PlatformTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PlatformTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<PlatformTestHost> StartAsync(
        string postgres, string redis, string cacheSchema, string serviceName = "test-service",
        IDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
            ["Cache:SchemaVersion"] = cacheSchema,
            ["Cache:GenerationCheckInterval"] = "00:00:00.200",
            ["Service:Name"] = serviceName,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPersistence();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync();
        return new PlatformTestHost(host);
    }

    /// <summary>Runs <paramref name="work"/> in a DI scope, as one request of the service would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) =>
        InScopeAsync(async sp => { await work(sp); return true; });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
