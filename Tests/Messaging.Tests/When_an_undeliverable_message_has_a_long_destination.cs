using AgentLightning.Infrastructure.Messaging.DeadLetters;

namespace AgentLightning.Messaging.Tests;

/// <summary>
/// Regression: "exchange:" was put in front of exchange names of up to 255 characters, against the letters'
/// varchar(255) source_queue: the letter could not be written, and its outbox or schedule row never left.
/// </summary>
public sealed class When_an_undeliverable_message_has_a_long_destination
{
    [Test]
    public void Should_name_its_source_queue_within_the_column_and_apart_from_its_neighbours()
    {
        var stem = new string('x', 250);
        var first = UndeliverableMessages.SourceQueueOf(new Uri($"exchange:{stem}aaaaa"));
        var second = UndeliverableMessages.SourceQueueOf(new Uri($"exchange:{stem}bbbbb"));

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.LessThanOrEqualTo(255));
            Assert.That(second, Has.Length.LessThanOrEqualTo(255));
            Assert.That(first, Is.Not.EqualTo(second));
            Assert.That(first, Does.StartWith(UndeliverableMessages.ExchangePrefix + "xxx"));
            Assert.That(UndeliverableMessages.SourceQueueOf(new Uri("exchange:short")), Is.EqualTo("exchange:short"), "short names stay as they are");
        });
    }
}
