using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using AgentLightning.Messaging.TestService;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class When_a_consumer_changes_data_and_sends_messages
{
    private readonly ConsumedLog _log = new();
    private readonly ReceiveCounter _receives = new();
    private readonly SavepointCounter _savepoints = new();
    private readonly ScratchQueues _queues = new();
    private ScratchDatabase _database = null!;
    private PlatformTestHost _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _service = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix, bus =>
        {
            bus.AddConsumer<RenameConsumer>();
            bus.AddConsumer<RenamedConsumer>();
            bus.AddConsumer<PingConsumer>();
            bus.AddReceiveObserver(_ => _receives);
        }, configure: b =>
        {
            b.Services.AddSingleton(_log);
            b.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor>(_savepoints));
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_commit_the_change_and_the_message_together()
    {
        var id = await CreateAgentAsync();

        await _service.Services.GetRequiredService<IBus>().Publish(new Rename(id, "renamed", Fail: false));

        await Eventually.Until(() => _log.NamesOf(id).Count == 1, "Renamed is consumed");
        Assert.That(_log.NamesOf(id), Is.EqualTo(new[] { "renamed" }));
        Assert.That((await GetAsync(id))!.Name, Is.EqualTo("renamed"));
    }

    /// <summary>
    /// An attempt is one transaction that a failure rolls back whole (below): EF Core's savepoint around each save, a
    /// SAVEPOINT and a RELEASE round trip, bought nothing there. Sagas keep it: their insert recovers from a lost race
    /// inside the transaction (Sagas.Tests, When_many_events_hit_one_saga_inserted_before_its_first_event).
    /// </summary>
    [Test]
    public async Task Should_save_without_a_savepoint()
    {
        var id = await CreateAgentAsync();
        var before = _savepoints.Created;

        await _service.Services.GetRequiredService<IBus>().Publish(new Rename(id, "renamed", Fail: false));

        await Eventually.Until(() => _log.NamesOf(id).Count == 1, "Renamed is consumed");
        Assert.That(_savepoints.Created - before, Is.Zero, "savepoints created while consuming Rename and Renamed");
    }

    [Test]
    public async Task Should_commit_neither_when_the_consumer_fails_after_both()
    {
        var id = await CreateAgentAsync();
        var failing = Guid.NewGuid();
        var after = Guid.NewGuid();

        await _service.Services.GetRequiredService<IBus>().Publish(new Rename(id, "never", Fail: true), c => c.MessageId = failing);
        await _service.Services.GetRequiredService<IBus>().Publish(new Ping(after, 1));

        await Eventually.Until(() => _log.CountOf(after) == 1, "the endpoint kept consuming");
        await Eventually.Until(async () => await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM inbox_state WHERE message_id = '{failing}'") == 0 && _log.NamesOf(id).Count == 0, "nothing of the failed attempts is left");
        Assert.That((await GetAsync(id))!.Name, Is.EqualTo("original"), "served value");
        Assert.That(await _database.ScalarAsync<string>($"SELECT name FROM agents WHERE id = '{id}'"), Is.EqualTo("original"), "stored value");
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.Zero);
    }

    [Test]
    public async Task Should_take_effect_once_when_the_same_message_arrives_three_times()
    {
        var messageId = Guid.NewGuid();
        var ping = new Ping(Guid.NewGuid(), 1);
        var bus = _service.Services.GetRequiredService<IBus>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bus.Publish(ping, c => c.MessageId = messageId)));

        await Eventually.Until(() => _receives.CountOf(messageId) == 3, "all three deliveries were received");
        Assert.That(_log.CountOf(ping.Id), Is.EqualTo(1));
        Assert.That(await _database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'"), Is.EqualTo(1));
    }

    private async Task<string> CreateAgentAsync()
    {
        var id = "agent-" + Guid.NewGuid().ToString("N")[..10];
        await _service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(
            new Agent { Id = id, Name = "original", Model = "m" }));
        return id;
    }

    private Task<Agent?> GetAsync(string id) => _service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
}
