using AgentLightning.Testing;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Two services on a scratch database and one cache schema: a writer whose commits a test can interrupt
/// (<see cref="RightAfterCommit"/>), and a reader on the shared Redis.
/// </summary>
public abstract class WriterAndReader
{
    private protected RightAfterCommit AfterCommit { get; } = new();

    protected ScratchDatabase Database { get; private set; } = null!;

    protected PlatformTestHost Writer { get; private set; } = null!;

    protected PlatformTestHost Reader { get; private set; } = null!;

    protected virtual string WriterRedis => TestServers.Redis;

    protected virtual IDictionary<string, string?>? Settings => null;

    [OneTimeSetUp]
    public async Task Start()
    {
        var schema = "t" + Guid.NewGuid().ToString("N")[..12];
        Database = await ScratchDatabase.CreateAsync();
        Writer = await PlatformTestHost.StartAsync(Database.ConnectionString, WriterRedis, schema, "writer", Settings,
            RightAfterCommit.InstallFirst(AfterCommit));
        Reader = await PlatformTestHost.StartAsync(Database.ConnectionString, TestServers.Redis, schema, "reader", Settings);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Writer.DisposeAsync();
        await Reader.DisposeAsync();
        await Database.DisposeAsync();
    }
}
