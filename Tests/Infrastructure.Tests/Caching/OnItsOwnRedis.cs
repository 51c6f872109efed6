using AgentLightning.Testing;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>Two services on a fresh scratch database and a Redis server of the fixture's own, to stop, pause or flush.</summary>
[NonParallelizable]
public abstract class OnItsOwnRedis : TwoServices
{
    protected RedisInstance RedisServer { get; private set; } = null!;

    protected override string Redis => RedisServer.ConnectionString;

    protected override async Task BeforeServicesStart() => RedisServer = await RedisInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await RedisServer.DisposeAsync();

    protected Task WaitUntilBothTrustRedis() => CacheTrust.UntilTrusted(ServiceA, ServiceB);

    protected Task WaitUntilBothSynchronised() => CacheTrust.UntilSynchronised(ServiceA, ServiceB);
}
