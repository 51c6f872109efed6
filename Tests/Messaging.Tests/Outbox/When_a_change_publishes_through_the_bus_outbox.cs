using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

using AgentLightning.Messaging.TestService;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class When_a_change_publishes_through_the_bus_outbox
{
    private readonly ConsumedLog _log = new();
    private readonly ScratchQueues _queues = new();
    private ScratchDatabase _database = null!;
    private PlatformTestHost _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        // No polling to fall back on: only the commit's wake-up can get the messages out within the wait.
        _service = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix,
            bus => bus.AddConsumer<PingConsumer>(), configure: b => b.Services.AddSingleton(_log),
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:PollInterval"] = "01:00:00" });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_deliver_the_message_once_the_change_commits()
    {
        var id = Guid.NewGuid();
        await _service.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IPublishEndpoint>().Publish(new Ping(id, 1));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await Eventually.Until(() => _log.CountOf(id) == 1, "the ping is consumed");
        await Eventually.Until(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") == 0, "the delivered message left the outbox");
    }

    [Test]
    public async Task Should_measure_the_round_that_delivered_it()
    {
        using var measured = new OutboxMeasurements();
        var id = Guid.NewGuid();
        await _service.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IPublishEndpoint>().Publish(new Ping(id, 1));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await Eventually.Until(() => _log.CountOf(id) == 1, "the ping is consumed");
        await Eventually.Until(() => measured.Has("commit"), "the round's commit is measured");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(measured.Phases, Is.SupersetOf(new[] { "claim", "record", "send", "settle", "commit" }), "each phase of the round");
            Assert.That(measured.Delays, Has.Some.InRange(0.0, 60.0), "publish to the broker's confirm, in seconds");
            Assert.That(measured.ClaimedRounds, Is.GreaterThanOrEqualTo(1));
        }
    }

    [Test]
    public async Task Should_send_nothing_when_the_change_is_never_committed()
    {
        var dropped = Guid.NewGuid();
        var committed = Guid.NewGuid();
        await _service.InScopeAsync(sp => sp.GetRequiredService<IPublishEndpoint>().Publish(new Ping(dropped, 1)));
        await _service.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IPublishEndpoint>().Publish(new Ping(committed, 1));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await Eventually.Until(() => _log.CountOf(committed) == 1, "the committed ping is consumed");
        Assert.That(_log.CountOf(dropped), Is.Zero);
    }
}
