using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>An agent "before", created and cached by the reader.</summary>
    protected async Task<string> CreateCachedByTheReader()
    {
        var id = Samples.AgentId();
        await CacheTrust.UntilTrusted(Reader);
        await Reader.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(Reader, id))!.Name, Is.EqualTo("before"));
        return id;
    }
}
