using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.Tests.Commands;
using AgentLightning.Messaging.Tests.Outbox;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Regression: a scheduled command was sent without the mandatory flag, so while its owner's queue did not exist
/// the broker dropped it and the scheduler deleted its row as sent. Like the outbox's, it is now refused, retried
/// with the scheduler's backoff, and given up on as an undeliverable dead letter after its last attempt.
/// </summary>
public sealed class When_a_scheduled_command_has_no_owner_queue_yet
{
    /// <summary>CommandSender.CommandHeader: what marks a message as a command.</summary>
    private const string CommandHeader = CommandHeaders.Command;

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
    public async Task Should_not_be_dropped_but_arrive_once_the_owner_queue_exists()
    {
        var settings = Settings(maxAttempts: 120);
        await using var sender = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix, null, "workflow-engine", settings);
        var messageId = await ScheduleAsync(sender, "scheduled-early-agent");
        await Eventually.Until(async () => await _database.ScalarAsync<int>("SELECT coalesce(max(attempts), 0) FROM scheduled_messages") > 0,
            "the broker refused the scheduled command: nothing is bound to the owner's exchange yet");

        var log = new ConsumedLog();
        await using var owner = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix,
            bus => bus.AddConsumer<CreateAgentRecorder>(typeof(CreateAgentRecorderDefinition)), "agent-designer", settings,
            b => b.Services.AddSingleton(log));

        await Eventually.Until(() => log.CountOf(messageId) == 1, "the owner received the scheduled command");
        await Eventually.Until(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM scheduled_messages") == 0, "the schedule is empty");
        Assert.That(log.NamesOf("scheduled-early-agent"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_become_an_undeliverable_dead_letter_after_its_last_attempt()
    {
        await using var sender = await MessagingTestHost.StartAsync(_database.ConnectionString, _queues.Prefix, null, "workflow-engine", Settings(maxAttempts: 3));
        var messageId = await ScheduleAsync(sender, "scheduled-orphan-agent");

        var letter = await DeadLetterLookup.UndeliverableAsync(sender, messageId);

        Assert.Multiple(async () =>
        {
            Assert.That(letter.DeadLetterQueue, Is.EqualTo("scheduler"));
            Assert.That(letter.SourceQueue, Is.EqualTo($"exchange:{_queues.Prefix}agent-designer"), "where a replay sends it");
            Assert.That(letter.Headers, Does.Contain(CommandHeader));
            Assert.That(letter.AttemptCount, Is.EqualTo(3));
            Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM scheduled_messages"), Is.Zero, "the row left the schedule");
        });
    }

    private static Dictionary<string, string?> Settings(int maxAttempts) => new()
    {
        ["Messaging:Scheduler:PollInterval"] = "00:00:00.200",
        ["Messaging:Scheduler:MaxBackoff"] = "00:00:00.400",
        ["Messaging:Scheduler:MaxDeliveryAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Schedules a command to the agent owner, due now, in a saved request scope; returns its MessageId.</summary>
    private async Task<Guid> ScheduleAsync(PlatformTestHost sender, string agentId)
    {
        var messageId = NewId.NextGuid();
        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IMessageScheduler>().ScheduleSend(
                new Uri($"exchange:{_queues.Prefix}agent-designer"), DateTime.UtcNow, new CreateAgent { AgentId = agentId, Name = agentId, Model = "m" },
                Pipe.Execute<SendContext<CreateAgent>>(context =>
                {
                    context.MessageId = messageId;
                    context.Headers.Set(CommandHeader, true);
                }));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        return messageId;
    }
}
