using System.Text.Json;

namespace AgentLightning.Contracts.Tests;

[TestFixture]
public sealed class When_a_contract_is_serialized
{
    private static IEnumerable<TestCaseData> Messages() =>
        ContractCatalog.Messages.Select(t => new TestCaseData(t).SetArgDisplayNames($"{ContractCatalog.Context(t)}.{t.Name}"));

    [TestCaseSource(nameof(Messages))]
    public void Should_be_accepted_by_MassTransit_as_a_message_type(Type type)
    {
        var result = MassTransitEnvelope.RoundTrip(new SampleFactory().Create(type));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.InvalidMessageTypeReason, Is.Null);
            Assert.That(result.MessageTypes, Does.Contain($"urn:message:{type.Namespace}:{type.Name}"));
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void Should_come_back_with_every_property_intact(Type type)
    {
        var original = new SampleFactory().Create(type);
        Assert.That(SampleFactory.EmptyMembers(original), Is.Empty, "the sample itself must fill every property");

        var result = MassTransitEnvelope.RoundTrip(original);

        Assert.That(result.Message, Is.Not.Null, $"the envelope did not yield a {type.Name}:{Environment.NewLine}{result.Body}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Message, Is.TypeOf(type));
            // JsonElement has no value equality, so the two messages are compared as JSON.
            Assert.That(Json(result.Message!), Is.EqualTo(Json(original)));
            Assert.That(SampleFactory.EmptyMembers(result.Message!), Is.Empty, "properties that came back empty");
        }
    }

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), MassTransitEnvelope.Options);
}
