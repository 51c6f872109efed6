using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>What the transactional outbox does with a message it can never deliver.</summary>
public sealed class When_a_dead_letter_is_added_directly : DeadLetterFixture
{
    private IDeadLetterStore Store => Service.Services.GetRequiredService<IDeadLetterStore>();

    [Test]
    public async Task Should_store_it_once_however_often_it_is_added()
    {
        var capture = Undeliverable(Guid.NewGuid(), "never delivered");

        var first = await Store.AddAsync([capture]);
        var second = await Store.AddAsync([capture]);

        var page = await Replayer.ListAsync(new DeadLetterFilter { Reason = DeadLetterReason.Undeliverable }, PageRequest.First());
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1));
            Assert.That(second, Is.Zero);
            Assert.That(page.Items.Count(i => i.MessageId == capture.MessageId), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_be_replayed_to_its_queue_like_any_other()
    {
        var messageId = Guid.NewGuid();
        await Store.AddAsync([Undeliverable(messageId, "never delivered")]);
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);

        await Replayer.RetryAsync(letter.Id, "outbox-operator");

        await Eventually.Until(() => Switch.CountOf(messageId) == 1, "the replayed message is consumed");
        Assert.That(Switch.Consumed.Single(m => m.Id == messageId).Text, Is.EqualTo("never delivered"));
    }
}
