using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Messaging.Scheduling;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// A message a saga sent, published or scheduled while it consumed one, as <see cref="SagaConversationEntry.Caused"/>
/// keeps it: its id, its type URN, where it went and, for a schedule, when it is due.
/// </summary>
public sealed record SagaCausedMessage(
    Guid MessageId,
    string MessageType,
    Uri? DestinationAddress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Published = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? ScheduledFor = null)
{
    private const string UrnPrefix = "urn:message:";

    public static SagaCausedMessage Sent(OutboxMessage message)
    {
        var type = PrimaryType(message.MessageType);
        return new(message.MessageId, type, message.DestinationAddress, IsPublished(message.DestinationAddress, type));
    }

    public static SagaCausedMessage Scheduled(ScheduledMessageEntry entry) =>
        new(entry.MessageId, PrimaryType(entry.MessageType), entry.DestinationAddress, ScheduledFor: entry.DueAt);

    public static string Write(IEnumerable<SagaCausedMessage> messages) => JsonSerializer.Serialize(messages, JsonSerializerOptions.Web);

    public static IReadOnlyList<SagaCausedMessage> Read(string json) =>
        JsonSerializer.Deserialize<List<SagaCausedMessage>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>The message's own type: the first of the URNs its envelope lists (the others are its interfaces and base types).</summary>
    private static string PrimaryType(string messageTypes) => messageTypes.Split(';', 2)[0];

    /// <summary>
    /// A publish is a send to the exchange the broker's publish topology names after the message's type
    /// (<c>Namespace:Type</c>, after the platform's queue prefix); a command goes to its owner's queue, whose name has no ':'.
    /// </summary>
    private static bool IsPublished(Uri? destination, string type) =>
        destination is not null && type.StartsWith(UrnPrefix, StringComparison.Ordinal)
        && Uri.UnescapeDataString(destination.AbsolutePath).Split('/')[^1].EndsWith(type[UrnPrefix.Length..], StringComparison.Ordinal);
}
