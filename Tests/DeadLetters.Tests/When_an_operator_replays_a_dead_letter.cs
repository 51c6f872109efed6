using System.Text;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_an_operator_replays_a_dead_letter : DeadLetterFixture
{
    [TearDown]
    public void TurnTheSwitchOff() => Switch.Failing = false;

    [Test]
    public async Task Should_be_consumed_exactly_once_and_audited()
    {
        var (messageId, letter) = await FailAsync("replay me");

        Switch.Failing = false;
        var replayed = await Replayer.RetryAsync(letter.Id, "alice");
        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the replayed message is consumed");
        await ConsumeSentinelAsync();

        var details = (await Replayer.GetAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(Switch.CountOf(messageId), Is.EqualTo(1));
            Assert.That(replayed.Status, Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(details.Letter.Status, Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(details.Letter.ReplayCount, Is.EqualTo(1));
            Assert.That(details.Actions.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { (DeadLetterAction.Retry, "alice") }));
            Assert.That(details.Actions[0].Detail, Does.Contain("\"replayCount\": 1"));
        });
    }

    [Test]
    public async Task Should_refuse_to_replay_a_letter_that_was_already_replayed()
    {
        var (_, letter) = await FailAsync("only once");
        Switch.Failing = false;
        await Replayer.RetryAsync(letter.Id, "alice");

        Assert.ThrowsAsync<DataConflictException>(() => Replayer.RetryAsync(letter.Id, "bob"));
        Assert.ThrowsAsync<DataConflictException>(() => Replayer.RetryEditedAsync(letter.Id, "{}", "bob"));
        Assert.That((await Replayer.GetAsync(letter.Id))!.Actions, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_consume_the_corrected_body_and_audit_both_hashes()
    {
        var (messageId, letter) = await FailAsync("bad text");
        Switch.Failing = false;
        var corrected = letter.BodyText()!.Replace("bad text", "fixed text", StringComparison.Ordinal);

        await Replayer.RetryEditedAsync(letter.Id, corrected, "carol");

        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the corrected message is consumed");
        var details = (await Replayer.GetAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(Switch.Consumed.Single(m => m.Id == messageId).Text, Is.EqualTo("fixed text"));
            Assert.That(details.Letter.Status, Is.EqualTo(DeadLetterStatus.Replayed));
            Assert.That(details.Letter.Body, Is.EqualTo(Encoding.UTF8.GetBytes(corrected)));
            Assert.That(details.Actions.Single().Action, Is.EqualTo(DeadLetterAction.EditAndRetry));
            Assert.That(details.Actions.Single().Detail, Does.Contain("oldBodySha256").And.Contain("newBodySha256"));
        });
    }

    [Test]
    public async Task Should_archive_it_with_an_audit_and_never_replay_it()
    {
        var (_, letter) = await FailAsync("put aside");

        var archived = await Replayer.ArchiveAsync(letter.Id, "dave");

        var details = (await Replayer.GetAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(archived.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That(details.Letter.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That(details.Actions.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { (DeadLetterAction.Archive, "dave") }));
        });
        Assert.ThrowsAsync<DataConflictException>(() => Replayer.RetryAsync(letter.Id, "dave"));
        Assert.ThrowsAsync<DataConflictException>(() => Replayer.ArchiveAsync(letter.Id, "dave"));
    }

    [Test]
    public async Task Should_be_pending_again_when_the_replay_fails_too()
    {
        var (messageId, letter) = await FailAsync("still broken");

        await Replayer.RetryAsync(letter.Id, "erin");
        var again = await DeadLetterAsync(SwitchedQueue, messageId, l => l.FailureCount == 2);

        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo(letter.Id), "the same message from the same queue stays one dead letter");
            Assert.That(again.Status, Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(again.ReplayCount, Is.EqualTo(1));
            Assert.That(again.AttemptCount, Is.EqualTo(2 * letter.AttemptCount));
            Assert.That(again.LastFailedAt, Is.GreaterThan(letter.LastFailedAt));
            Assert.That(again.FirstFailedAt, Is.EqualTo(letter.FirstFailedAt));
            Assert.That(again.Headers, Does.Contain("\"MT-AL-Replay-Count\": 1"));
        });
    }

    [Test]
    public void Should_say_when_there_is_no_such_letter()
    {
        Assert.ThrowsAsync<EntityNotFoundException>(() => Replayer.RetryAsync(Guid.NewGuid(), "frank"));
    }

    private async Task<(Guid MessageId, DeadLetter Letter)> FailAsync(string text)
    {
        Switch.Failing = true;
        var messageId = Guid.NewGuid();
        await SendAsync(SwitchedQueue, new SwitchedCommand(messageId, text), messageId);
        return (messageId, await DeadLetterAsync(SwitchedQueue, messageId));
    }

    /// <summary>Anything the queue still held for the replayed message would be consumed before this one.</summary>
    private async Task ConsumeSentinelAsync()
    {
        var sentinel = Guid.NewGuid();
        await SendAsync(SwitchedQueue, new SwitchedCommand(sentinel, "sentinel"), sentinel);
        await Eventually.Until(() => Switch.CountOf(sentinel) == 1, "the sentinel is consumed");
    }
}
