using AgentLightning.Testing;

namespace AgentLightning.Infrastructure.Tests;

/// <summary>
/// Two independent hosts ("services") sharing one scratch database and one cache schema on the real
/// PostgreSQL and Redis servers — what two services of the platform share.
/// </summary>
public abstract class TwoServices
{
    protected ScratchDatabase Database { get; private set; } = null!;

    protected string CacheSchema { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    protected PlatformTestHost ServiceA { get; private set; } = null!;

    protected PlatformTestHost ServiceB { get; private set; } = null!;

    protected virtual string Redis => TestServers.Redis;

    [OneTimeSetUp]
    public async Task StartServices()
    {
        await BeforeServicesStart();
        Database = await ScratchDatabase.CreateAsync();
        ServiceA = await StartServiceAsync("service-a");
        ServiceB = await StartServiceAsync("service-b");
    }

    [OneTimeTearDown]
    public async Task StopServices()
    {
        await ServiceA.DisposeAsync();
        await ServiceB.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected virtual Task BeforeServicesStart() => Task.CompletedTask;

    protected Task<PlatformTestHost> StartServiceAsync(string name) =>
        PlatformTestHost.StartAsync(Database.ConnectionString, Redis, CacheSchema, name);
}
