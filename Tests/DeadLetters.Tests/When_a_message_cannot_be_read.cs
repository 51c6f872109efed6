using System.Text;
using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_a_message_cannot_be_read : DeadLetterFixture
{
    private const string UnknownType = "urn:message:AgentLightning.Nowhere:UnknownCommand";

    /// <summary>Not JSON, and not UTF-8 either: a NUL and bytes no UTF-8 text contains.</summary>
    private static readonly byte[] PoisonBody = [0x7B, 0x22, 0xFF, 0x00, 0xC3, 0x28, 0x0A];

    [Test]
    public async Task Should_keep_invalid_json_as_a_poison_dead_letter_byte_for_byte()
    {
        var messageId = Guid.NewGuid();

        await RawBroker.PublishAsync(SwitchedQueue, PoisonBody, messageId.ToString());
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);

        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Poison));
            Assert.That(letter.Body, Is.EqualTo(PoisonBody));
            Assert.That(letter.BodyText(), Is.Null);
            Assert.That(letter.MessageTypes, Is.Empty);
            Assert.That(letter.DeadLetterQueue, Is.EqualTo(SwitchedQueue + "_error"));
            Assert.That(letter.ExceptionType, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.AttemptCount, Is.EqualTo(1), "a body that cannot be read is not retried");
        });
    }

    [Test]
    public async Task Should_treat_json_without_an_envelope_as_poison()
    {
        var messageId = Guid.NewGuid();

        await RawBroker.PublishAsync(SwitchedQueue, """{"text":"no envelope"}"""u8.ToArray(), messageId.ToString());
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);

        Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Poison), letter.ExceptionType);
        Assert.That(letter.BodyText(), Is.EqualTo("""{"text":"no envelope"}"""));
    }

    [Test]
    public async Task Should_capture_an_unknown_message_type_that_MassTransit_skips_silently()
    {
        var messageId = Guid.NewGuid();
        var envelope = UnknownEnvelope(messageId);

        await RawBroker.PublishAsync(SwitchedQueue, Encoding.UTF8.GetBytes(envelope), messageId.ToString());
        var letter = await DeadLetterAsync(SwitchedQueue, messageId);

        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Skipped));
            Assert.That(letter.MessageTypes, Is.EqualTo(new[] { UnknownType }));
            Assert.That(letter.BodyText(), Is.EqualTo(envelope));
            Assert.That(letter.DeadLetterQueue, Is.EqualTo(SwitchedQueue + "_skipped"));
            Assert.That(letter.Headers, Does.Contain("\"MT-Reason\": \"dead-letter\""));
            Assert.That(letter.ExceptionType, Is.Null);
        });
    }

    [Test]
    public async Task Should_keep_consuming_good_messages_after_them()
    {
        var poisonId = Guid.NewGuid();
        var unknownId = Guid.NewGuid();
        await RawBroker.PublishAsync(SwitchedQueue, PoisonBody, poisonId.ToString());
        await RawBroker.PublishAsync(SwitchedQueue, Encoding.UTF8.GetBytes(UnknownEnvelope(unknownId)), unknownId.ToString());
        var goodId = Guid.NewGuid();

        await SendAsync(SwitchedQueue, new SwitchedCommand(goodId, "good"), goodId);

        await Eventually.Until(() => Switch.CountOf(goodId) == 1, "the good message is consumed");
        Assert.That((await DeadLetterAsync(SwitchedQueue, poisonId)).Reason, Is.EqualTo(DeadLetterReason.Poison));
        Assert.That((await DeadLetterAsync(SwitchedQueue, unknownId)).Reason, Is.EqualTo(DeadLetterReason.Skipped));
    }

    /// <summary>A valid MassTransit envelope of a type no consumer of the endpoint handles.</summary>
    private static string UnknownEnvelope(Guid messageId) => JsonSerializer.Serialize(new
    {
        messageId,
        messageType = new[] { UnknownType },
        message = new { text = "nobody listens" },
        sentTime = DateTime.UtcNow,
    });
}
