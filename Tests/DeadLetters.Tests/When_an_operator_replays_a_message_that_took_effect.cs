using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using MassTransit;
using MassTransit.JobService;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// A letter whose message did take effect in the end — its commit went through but was reported as failed, or a
/// copy (an outbox re-send) was consumed later. Replaying it relied on the inbox absorbing it, which only holds
/// within the duplicate-detection window; the replay checks the inbox itself and tells the operator.
/// </summary>
public sealed class When_an_operator_replays_a_message_that_took_effect : DeadLetterFixture
{
    [TearDown]
    public void TurnTheSwitchOff() => Switch.Failing = false;

    [Test]
    public async Task Should_answer_already_applied_audit_it_and_not_send_it()
    {
        Switch.Failing = true;
        var messageId = Guid.NewGuid();
        await SendAsync(SwitchedQueue, new SwitchedCommand(messageId, "took effect later"), messageId);
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);
        Switch.Failing = false;
        await SendAsync(SwitchedQueue, new SwitchedCommand(messageId, "took effect later"), messageId);
        // The consumer records before its transaction commits: wait for the commit, the inbox row.
        await Eventually.Until(async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'") == 1,
            "a copy took effect");

        var answered = await Replayer.RetryAsync(letter.Id, "alice");

        var details = (await Replayer.GetAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(answered.Status, Is.EqualTo(DeadLetterStatus.AlreadyApplied));
            Assert.That(details.Letter.Status, Is.EqualTo(DeadLetterStatus.AlreadyApplied));
            Assert.That(details.Letter.ReplayCount, Is.Zero, "not sent");
            Assert.That(details.Actions.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { (DeadLetterAction.Retry, "alice") }));
            Assert.That(details.Actions[0].Detail, Does.Contain("already-applied"));
        });
        Assert.ThrowsAsync<AgentLightning.Infrastructure.Persistence.DataConflictException>(() => Replayer.RetryAsync(letter.Id, "bob"));
    }

    [Test]
    public void Should_derive_the_consumer_id_as_MassTransit_does()
    {
        Assert.That(InboxConsumerId.Of(TypeCache<SwitchedConsumer>.ShortName, TypeCache<SwitchedCommand>.ShortName, SwitchedQueue),
            Is.EqualTo(JobMetadataCache<SwitchedConsumer, SwitchedCommand>.GenerateJobTypeId(SwitchedQueue).ToString("N")));
    }
}
