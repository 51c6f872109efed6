using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_a_consumer_keeps_failing : DeadLetterFixture
{
    private const string DoomedType = "urn:message:AgentLightning.DeadLetters.Tests:DoomedCommand";

    [Test]
    public async Task Should_become_a_dead_letter_with_everything_needed_to_understand_it()
    {
        var messageId = Guid.NewGuid();
        var sentAt = DateTimeOffset.UtcNow;

        await SendAsync(DoomedQueue, new DoomedCommand(messageId, "never works"), messageId);
        var letter = await DeadLetterAsync(DoomedQueue, messageId);

        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Fault));
            Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Pending));
            Assert.That(letter.MessageTypes, Does.Contain(DoomedType));
            Assert.That(letter.ContentType, Is.EqualTo(RawBroker.MassTransitJson));
            Assert.That(letter.BodyText(), Does.Contain("never works").And.Contain(messageId.ToString()));
            Assert.That(letter.Headers, Does.Contain("MT-Fault-ExceptionType").And.Contain("MT-Fault-InputAddress"));
            Assert.That(letter.SourceService, Is.EqualTo(ServiceName));
            Assert.That(letter.SourceQueue, Is.EqualTo(DoomedQueue));
            Assert.That(letter.DeadLetterQueue, Is.EqualTo(DoomedQueue + "_error"));
            Assert.That(letter.ExceptionType, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(letter.ExceptionMessage, Is.EqualTo("Doomed: never works"));
            Assert.That(letter.StackTrace, Does.Contain(nameof(AlwaysFailingConsumer)));
            Assert.That(letter.RetryCount, Is.GreaterThanOrEqualTo(1), "retries configured: 1 immediate, 1 exponential");
            Assert.That(letter.AttemptCount, Is.EqualTo(AlwaysFailingConsumer.Attempts[messageId]), "attempts the consumer saw");
            Assert.That(letter.FailureCount, Is.EqualTo(1));
            Assert.That(letter.FirstFailedAt, Is.EqualTo(letter.LastFailedAt));
            Assert.That(letter.FirstFailedAt, Is.InRange(sentAt.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5)));
        });
    }

    [Test]
    public async Task Should_be_listed_by_type_reason_status_and_service()
    {
        var messageId = Guid.NewGuid();
        await SendAsync(DoomedQueue, new DoomedCommand(messageId, "listed"), messageId);
        var letter = await DeadLetterAsync(DoomedQueue, messageId);
        var filter = new DeadLetterFilter
        {
            MessageType = DoomedType,
            Reason = DeadLetterReason.Fault,
            Status = DeadLetterStatus.Pending,
            SourceService = ServiceName,
            FailedAfter = letter.LastFailedAt.AddSeconds(-1),
        };

        var page = await Replayer.ListAsync(filter, PageRequest.First(10));
        var none = await Replayer.ListAsync(filter with { Status = DeadLetterStatus.Archived }, PageRequest.First(10));

        Assert.That(page.Items.Select(i => i.Id), Does.Contain(letter.Id));
        Assert.That(none.Items.Select(i => i.Id), Does.Not.Contain(letter.Id));
    }

    [Test]
    public async Task Should_leave_the_error_queue_empty()
    {
        var messageId = Guid.NewGuid();

        await SendAsync(DoomedQueue, new DoomedCommand(messageId, "drained"), messageId);
        await DeadLetterAsync(DoomedQueue, messageId);

        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 0 }, "the _error queue is empty");
    }

    [Test]
    public async Task Should_declare_its_dead_letter_queues_as_MassTransit_does()
    {
        foreach (var queue in new[] { DoomedQueue + "_error", DoomedQueue + "_skipped", SwitchedQueue + "_error", SwitchedQueue + "_skipped" })
        {
            var info = await Management.QueueAsync(queue);

            Assert.That(info, Is.Not.Null, queue);
            Assert.That(info!.Type, Is.EqualTo("quorum"), queue);
            Assert.That(info.Durable, Is.True, queue);
        }
    }

    [Test]
    public async Task Should_count_it_in_events_failed()
    {
        using var counter = PlatformCounter.EventsFailed(DoomedType);
        var messageId = Guid.NewGuid();

        await SendAsync(DoomedQueue, new DoomedCommand(messageId, "counted"), messageId);
        await DeadLetterAsync(DoomedQueue, messageId);

        // The counter moves right after the commit the letter became visible with.
        await Eventually.Until(() => counter.Count >= 1, "events_failed counted the dead letter");
        Assert.That(counter.Count, Is.EqualTo(1));
    }
}
