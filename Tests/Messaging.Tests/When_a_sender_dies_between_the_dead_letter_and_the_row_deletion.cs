using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.Tests.Commands;
using AgentLightning.Messaging.Tests.Outbox;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests;

/// <summary>
/// Regression: the outbox and the scheduler committed an undeliverable dead letter in a transaction of its own and
/// then deleted their row in the claim's. A crash in between, then a re-send that got through, left a pending letter
/// for a message that had arrived (an operator's replay would have sent it twice). The crash is staged by a trigger
/// that fails the row's deletion; the owner's queue appears and the trigger goes before the next attempt.
/// </summary>
public sealed class When_a_sender_dies_between_the_dead_letter_and_the_row_deletion
{
    private ScratchDatabase _database = null!;
    private ScratchQueues _queues = null!;

    [SetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _queues = new ScratchQueues();
    }

    [TearDown]
    public async Task Stop()
    {
        await _queues.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_leave_no_pending_letter_for_an_outbox_message_that_arrived_later()
    {
        await using var sender = await StartAsync("workflow-engine", null);
        await StageCrashAsync("outbox_messages");
        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = "survivor", Name = "survivor", Model = "m" });
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        var messageId = await _database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");

        await AssertDeliveredWithoutLetterAsync(messageId, "outbox_messages");
    }

    [Test]
    public async Task Should_leave_no_pending_letter_for_a_scheduled_message_that_arrived_later()
    {
        await using var sender = await StartAsync("workflow-engine", null);
        await StageCrashAsync("scheduled_messages");
        var messageId = NewId.NextGuid();
        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IMessageScheduler>().ScheduleSend(
                new Uri($"exchange:{_queues.Prefix}agent-designer"), DateTime.UtcNow, new CreateAgent { AgentId = "survivor", Name = "survivor", Model = "m" },
                Pipe.Execute<SendContext<CreateAgent>>(context =>
                {
                    context.MessageId = messageId;
                    context.Headers.Set("MT-AL-Command", true);
                }));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await AssertDeliveredWithoutLetterAsync(messageId, "scheduled_messages");
    }

    /// <summary>
    /// Waits for the failed deletion (the give-up was refused by the broker, then "crashed"), brings up the owner and
    /// removes the trigger: the next attempt delivers. Nothing may be lost, and no letter may be pending for it.
    /// </summary>
    private async Task AssertDeliveredWithoutLetterAsync(Guid messageId, string table)
    {
        await Eventually.Until(() => _database.ScalarAsync<bool>("SELECT is_called FROM staged_crashes"), "a give-up's deletion failed");
        var log = new ConsumedLog();
        await using var owner = await StartAsync("agent-designer", log);
        await _database.ExecuteAsync($"DROP TRIGGER staged_crash ON {table}");

        await Eventually.Until(() => log.CountOf(messageId) > 0, "the owner received the message on a later attempt");
        await Eventually.Until(async () => await _database.ScalarAsync<long>($"SELECT count(*) FROM {table}") == 0, "the sender deleted its row");
        Assert.That(await _database.ScalarAsync<long>($"SELECT count(*) FROM dead_letters WHERE message_id = '{messageId}' AND status = 'pending'"),
            Is.Zero, "no pending dead letter for a message that arrived");
    }

    /// <summary>Every deletion from the table fails; the sequence, which a rollback does not undo, tells it happened.</summary>
    private async Task StageCrashAsync(string table)
    {
        await _database.ExecuteAsync("CREATE SEQUENCE staged_crashes");
        await _database.ExecuteAsync("""
            CREATE FUNCTION staged_crash() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('staged_crashes');
                RAISE EXCEPTION 'staged crash before the row is deleted';
            END $$
            """);
        await _database.ExecuteAsync($"CREATE TRIGGER staged_crash BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION staged_crash()");
    }

    /// <summary>Gives up at the first refusal; after a failed round, tries again within a second.</summary>
    private Task<PlatformTestHost> StartAsync(string service, ConsumedLog? log) =>
        MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix,
            log is null ? null : bus => bus.AddConsumer<CreateAgentRecorder>(typeof(CreateAgentRecorderDefinition)), service,
            new Dictionary<string, string?>
            {
                ["Messaging:Outbox:MaxDeliveryAttempts"] = "1",
                ["Messaging:Outbox:MaxOutageDelay"] = "00:00:01",
                ["Messaging:Scheduler:MaxDeliveryAttempts"] = "1",
                ["Messaging:Scheduler:PollInterval"] = "00:00:00.200",
                ["Messaging:Scheduler:MaxBackoff"] = "00:00:01",
            },
            b =>
            {
                if (log is not null)
                {
                    b.Services.AddSingleton(log);
                }
            });
}
