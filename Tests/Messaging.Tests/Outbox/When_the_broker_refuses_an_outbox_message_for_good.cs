using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.Tests.Commands;
using AgentLightning.Messaging.TestService;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// A command to an owner that never declared its queue: the broker returns it on every try. The outbox gives up
/// after three tries, a few hundred milliseconds apart; a ping to a consumer of the sender waits behind it.
/// </summary>
public sealed class When_the_broker_refuses_an_outbox_message_for_good
{
    private const int MaxAttempts = 3;
    private const string Sender = "workflow-engine";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Messaging:Outbox:MaxDeliveryAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Outbox:RetryDelay"] = "00:00:00.200",
        ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.400",
    };

    private string _prefix = null!;
    private string _run = null!;
    private ConsumedLog _log = null!;
    private ScratchDatabase _database = null!;
    private PlatformTestHost _sender = null!;

    [SetUp]
    public async Task Start()
    {
        _prefix = MessagingTestHost.NewQueuePrefix();
        _run = Guid.NewGuid().ToString("N");
        _log = new ConsumedLog(_run);
        _database = await ScratchDatabase.CreateAsync();
        _sender = await MessagingTestHost.StartAsync(_database.ConnectionString, _prefix, bus => bus.AddConsumer<PingConsumer>(), Sender, Settings,
            b => b.Services.AddSingleton(_log));
    }

    [TearDown]
    public async Task Stop()
    {
        await _sender.DisposeAsync();
        await RabbitMqManagement.DeleteAllAsync(_prefix);
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_become_a_dead_letter_after_its_last_attempt_and_let_the_rest_of_its_outbox_go()
    {
        var ping = Guid.NewGuid();
        var command = await CommitAsync("orphan-agent", ping);

        var letter = await DeadLetterLookup.UndeliverableAsync(_sender, command);
        await Eventually.Until(() => _log.CountOf(ping) == 1, "the message behind it in the outbox is delivered");
        await Eventually.Until(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox is empty");

        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Undeliverable));
            Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(letter.SourceService, Is.EqualTo(Sender));
            Assert.That(letter.DeadLetterQueue, Is.EqualTo("outbox"));
            Assert.That(letter.SourceQueue, Is.EqualTo($"exchange:{_prefix}agent-designer"), "where a replay sends it");
            Assert.That(letter.MessageTypes, Does.Contain("urn:message:AgentLightning.Contracts.Agents:CreateAgent"));
            Assert.That(letter.BodyText(), Does.Contain("orphan-agent"));
            Assert.That(letter.Headers, Does.Contain("MT-AL-Command"), "the headers it was sent with");
            Assert.That(letter.AttemptCount, Is.EqualTo(MaxAttempts));
            Assert.That(letter.ExceptionType, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.ExceptionMessage, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.FirstFailedAt, Is.LessThan(letter.LastFailedAt), "first and last refusal");
            Assert.That(_log.FirstConsumedAt(ping), Is.GreaterThanOrEqualTo(letter.LastFailedAt), "the ping waited behind the command");
            Assert.That(_log.Total, Is.EqualTo(1));
        });
    }

    /// <summary>Regression: each refused send counted, and the dead letter once more (four for three tries).</summary>
    [Test]
    public async Task Should_count_it_once_in_events_failed()
    {
        using var counter = PlatformCounter.EventsFailed("CreateAgent");
        await CommitAsync("counted-agent", Guid.NewGuid());

        // The outbox deletes the message only once its dead letter is stored and counted.
        await Eventually.Until(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox gave up");
        Assert.That(counter.Count, Is.EqualTo(1));
    }

    /// <summary>Regression: the letter was counted before the claim committed, so a failed commit and the retried give-up counted two.</summary>
    [Test]
    public async Task Should_count_it_once_when_the_first_commit_of_its_letter_fails()
    {
        // A deferred trigger fails the commit of the first transaction that adds a letter (a sequence is not rolled back).
        await _database.ExecuteAsync("""
            CREATE SEQUENCE letter_commits;
            CREATE FUNCTION fail_first_letter_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('letter_commits') = 1 THEN RAISE EXCEPTION 'the first commit with a letter fails'; END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER fail_first_letter_commit AFTER INSERT ON dead_letters
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_first_letter_commit();
            """);
        using var counter = PlatformCounter.EventsFailed("CreateAgent");
        await CommitAsync("recommitted-agent", Guid.NewGuid());

        await Eventually.Until(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox gave up");
        Assert.Multiple(async () =>
        {
            Assert.That(await _database.ScalarAsync<long>("SELECT last_value FROM letter_commits"), Is.EqualTo(2), "one commit failed, the next held");
            Assert.That(counter.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_reach_the_owner_when_an_operator_replays_it_to_its_exchange()
    {
        var command = await CommitAsync("replayed-agent", Guid.NewGuid());
        var letter = await DeadLetterLookup.UndeliverableAsync(_sender, command);

        var ownerLog = new ConsumedLog();
        await using var owner = await MessagingTestHost.StartAsync(_database.ConnectionString, _prefix,
            bus => bus.AddConsumer<CreateAgentRecorder>(typeof(CreateAgentRecorderDefinition)), "agent-designer", Settings,
            b => b.Services.AddSingleton(ownerLog));
        var replayed = await _sender.Services.GetRequiredService<IDeadLetterReplayer>().RetryAsync(letter.Id, "operator");

        await Eventually.Until(() => ownerLog.NamesOf("replayed-agent").Count == 1, "the owner received the replayed command");
        Assert.That(replayed.Status, Is.EqualTo(DeadLetterStatus.Replayed));
        Assert.That(ownerLog.CountOf(command), Is.EqualTo(1), "with its original MessageId");
    }

    /// <summary>
    /// A crash between storing the letter and deleting the row, then a successful re-send: the letter stays pending for
    /// a message that arrived. A retry finds it in the inbox (any consumer: the broker routed it to every bound queue).
    /// </summary>
    [Test]
    public async Task Should_answer_applied_when_the_message_arrived_after_all()
    {
        var command = await CommitAsync("arrived-agent", Guid.NewGuid());
        var letter = await DeadLetterLookup.UndeliverableAsync(_sender, command);
        var ownerLog = new ConsumedLog();
        await using var owner = await MessagingTestHost.StartAsync(_database.ConnectionString, _prefix,
            bus => bus.AddConsumer<CreateAgentRecorder>(typeof(CreateAgentRecorderDefinition)), "agent-designer", Settings,
            b => b.Services.AddSingleton(ownerLog));
        var ownerExchange = await _sender.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{_prefix}agent-designer"));
        await ownerExchange.Send(new CreateAgent { AgentId = "arrived-agent", Name = "arrived-agent", Model = "m" }, c => c.MessageId = command);
        await Eventually.Until(async () => await _database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{command}'") == 1,
            "the re-sent command took effect (committed)");

        var answered = await _sender.Services.GetRequiredService<IDeadLetterReplayer>().RetryAsync(letter.Id, "operator");

        Assert.That(answered.Status, Is.EqualTo(DeadLetterStatus.AlreadyApplied));
    }

    [Test]
    public async Task Should_stay_in_the_outbox_while_the_dead_letter_store_cannot_take_it()
    {
        await _database.ExecuteAsync("ALTER TABLE dead_letters RENAME TO dead_letters_away");
        var ping = Guid.NewGuid();
        var command = await CommitAsync("patient-agent", ping);
        await Eventually.Until(async () => await _database.ScalarAsync<int>("SELECT coalesce(max(failed_attempts), 0) FROM outbox_state") > MaxAttempts,
            "the outbox tried to give up and could not");
        Assert.That(await _database.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE message_id = '{command}'"), Is.EqualTo(1));
        Assert.That(_log.CountOf(ping), Is.Zero, "the ping still waits behind it");

        await _database.ExecuteAsync("ALTER TABLE dead_letters_away RENAME TO dead_letters");

        var letter = await DeadLetterLookup.UndeliverableAsync(_sender, command);
        await Eventually.Until(() => _log.CountOf(ping) == 1, "the message behind it in the outbox is delivered");
        Assert.That(letter.AttemptCount, Is.GreaterThan(MaxAttempts));
    }

    /// <summary>One transaction: a command to the agent owner (mandatory), then a ping; returns the command's MessageId.</summary>
    private async Task<Guid> CommitAsync(string agentId, Guid ping)
    {
        await _sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = agentId, Name = agentId, Model = "m" });
            var pings = await sp.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{_prefix}ping"));
            await pings.Send(new Ping(ping, 1, _run));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        return await _database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages WHERE message_type LIKE '%:CreateAgent%'");
    }
}
