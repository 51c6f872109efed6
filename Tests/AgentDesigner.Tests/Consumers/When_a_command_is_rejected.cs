using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>What the owner's operators see of a rejection, and how they get the command applied after all.</summary>
public sealed class When_a_command_is_rejected : CommandFixture
{
    protected override IDictionary<string, string?> DesignerSettings => ShortRedeliveryWindow;

    [Test]
    public async Task Should_count_it_in_events_failed_and_log_it_once()
    {
        var failed = new ConcurrentDictionary<string, long>();
        var designerMeters = Designer.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == "events_failed" && instrument.Meter.Scope == designerMeters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "message_type")
                {
                    failed.AddOrUpdate($"{tag.Value}", value, (_, n) => n + value);
                }
            }
        });
        listener.Start();

        var command = await SendAsync(AddKnowledgeTo("no-such-agent"));
        await UntilRejectedAsync(command);

        await Eventually.Until(() => failed.Values.Sum() >= 1, "events_failed counted the rejection");
        await UntilOutboxIsEmptyAsync();
        var warnings = Logs.Messages(typeof(CommandRefusals).FullName!, LogLevel.Warning).Where(m => m.Contains(command.ToString(), StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.EquivalentTo(new Dictionary<string, long> { ["urn:message:AgentLightning.Contracts.Knowledge:AddKnowledge"] = 1 }));
            Assert.That(warnings.Count(), Is.EqualTo(1), "one warning per rejection, none per redelivery");
        });
    }

    [Test]
    public async Task Should_apply_it_when_an_operator_replays_its_dead_letter_after_the_agent_was_created()
    {
        var agent = Samples.AgentId();
        var add = AddKnowledgeTo(agent);
        var command = await SendAsync(add);
        await UntilRejectedAsync(command);
        await SendAsync(CreateAgent(agent));
        await UntilEventAsync("AgentCreated", agent, 1);
        var letter = await Database.ScalarAsync<Guid>($"SELECT id FROM dead_letters WHERE message_id = '{command}' AND reason = 'rejected'");

        // The inbox marked the rejected delivery: the replay must come as a new message to take effect.
        await Designer.Services.GetRequiredService<IDeadLetterReplayer>().RetryAsync(letter, "operator");

        await UntilEventAsync("KnowledgeAdded", add.KnowledgeId.ToString(), 1);
        await UntilOutboxIsEmptyAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CountAsync($"SELECT count(*) FROM knowledge WHERE id = '{add.KnowledgeId}' AND agent_id = '{agent}'"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>($"SELECT status FROM dead_letters WHERE id = '{letter}'"), Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(Events.RejectionsOf(command), Has.Count.EqualTo(1), "the replay was not rejected again");
        });
    }

    [Test]
    public async Task Should_reject_a_delivered_twice_command_once()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        var messageId = Guid.NewGuid();

        // The second delivery waits on the first one's inbox mark, which commits with its event and its letter.
        await SendAsync(new UpdateAgent { AgentId = id, Name = "Stale", Model = "m", ExpectedVersion = 9 }, messageId);
        await SendAsync(new UpdateAgent { AgentId = id, Name = "Stale", Model = "m", ExpectedVersion = 9 }, messageId);

        await UntilRejectedAsync(messageId);
        await Eventually.Until(() => Deliveries.CountOf(messageId) == 2, "both deliveries were received");
        await UntilOutboxIsEmptyAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Events.RejectionsOf(messageId), Has.Count.EqualTo(1));
            Assert.That(await CountAsync($"SELECT sum(failure_count) FROM dead_letters WHERE message_id = '{messageId}'"), Is.EqualTo(1));
        });
    }

    /// <summary>
    /// Regression: the copies carried MT-Redelivery-Count, which MassTransit's redelivery filter takes for retries
    /// the endpoint already spent, so after a few seconds of waiting a transient failure went straight to _error.
    /// </summary>
    [Test]
    public async Task Should_count_its_redeliveries_in_a_header_of_its_own_not_in_the_endpoints_retry_count()
    {
        var command = await SendAsync(AddKnowledgeTo(Samples.AgentId("late")));

        await UntilRejectedAsync(command);

        var copies = Copies.Of(command);
        Assert.Multiple(() =>
        {
            Assert.That(copies, Has.Count.GreaterThanOrEqualTo(2), "redelivered before the window closed");
            Assert.That(copies.Select(c => c.MassTransitCount), Is.All.Null);
            Assert.That(copies.Select(c => c.CommandCount), Is.EqualTo(Enumerable.Range(1, copies.Count).Cast<int?>()));
        });
    }

    /// <summary>Regression: a second rejection while the command's letter was pending published a second CommandRejected.</summary>
    [Test]
    public async Task Should_publish_CommandRejected_once_when_a_copy_of_a_pending_rejected_command_is_rejected_again()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        var stale = new UpdateAgent { AgentId = id, Name = "Stale", Model = "m", ExpectedVersion = 9 };
        var command = await SendAsync(stale);
        await UntilRejectedAsync(command);

        // A copy the inbox does not know (a MessageId of its own) of the same command, as a redelivery carries it.
        var copy = NewId.NextGuid();
        var endpoint = await Sender.Services.GetRequiredService<IBus>().GetSendEndpoint(DesignerCommands);
        await endpoint.Send(stale, c =>
        {
            c.MessageId = copy;
            c.Headers.Set(CommandHeaders.CommandId, command.ToString());
        });
        await Eventually.Until(() => Deliveries.CountOf(copy) == 1, "the copy was received");
        var later = await SendAsync(stale);
        await UntilRejectedAsync(later);
        await UntilOutboxIsEmptyAsync();

        Assert.That(Events.RejectionsOf(command), Has.Count.EqualTo(1));
    }

    private static AddKnowledge AddKnowledgeTo(string agent) =>
        new() { KnowledgeId = Guid.NewGuid(), AgentId = agent, Category = "docs", Content = $"About {agent}." };
}
