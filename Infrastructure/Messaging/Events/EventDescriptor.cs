using System.Reflection;

namespace AgentLightning.Infrastructure.Messaging.Events;

/// <summary>
/// How the outside world names one event contract: its channel (<c>task:completed</c>), the aggregate it is about and
/// that aggregate's version, read from the contract's own properties.
/// </summary>
public sealed class EventDescriptor
{
    private readonly PropertyInfo? _aggregateId;
    private readonly PropertyInfo? _topicId;
    private readonly PropertyInfo? _version;
    private readonly PropertyInfo _occurredAt;

    internal EventDescriptor(Type messageType, string topic, string channel, string service)
    {
        MessageType = messageType;
        Topic = topic;
        Channel = channel;
        Service = service;
        _aggregateId = AggregateIdProperty(messageType, topic);
        _topicId = Key(messageType, Pascal(topic) + "Id");
        _version = messageType.GetProperty("Version") is { } v && v.PropertyType == typeof(long) ? v : null;
        _occurredAt = messageType.GetProperty("OccurredAt")!;
    }

    public Type MessageType { get; }

    /// <summary>The aggregate kind, lower case: <c>task</c>, <c>agent</c>, <c>workflow</c>.</summary>
    public string Topic { get; }

    /// <summary><c>topic:what-happened</c>, e.g. <c>workflow:step-completed</c>.</summary>
    public string Channel { get; }

    /// <summary>The service that publishes it.</summary>
    public string Service { get; }

    public string? AggregateIdOf(object message) => Format(_aggregateId?.GetValue(message));

    public long? VersionOf(object message) => (long?)_version?.GetValue(message);

    public DateTimeOffset OccurredAtOf(object message) => (DateTimeOffset)_occurredAt.GetValue(message)!;

    /// <summary>
    /// The ids a <c>topic:id</c> pattern may name: the aggregate and, for a run of a workflow, the workflow too, so
    /// <c>workflow:{id}</c> follows the definition and each of its runs.
    /// </summary>
    public IReadOnlyList<string> KeysOf(object message)
    {
        var own = AggregateIdOf(message);
        var topicKey = _topicId is null || _topicId == _aggregateId ? null : Format(_topicId.GetValue(message));
        return [.. new[] { own, topicKey }.OfType<string>()];
    }

    /// <summary>
    /// A run carries its own id and versions (the saga's), so it is the aggregate whose order counts; otherwise the
    /// topic's id, then the contract's first id, then its natural key (a model's name, a service's name).
    /// </summary>
    private static PropertyInfo? AggregateIdProperty(Type type, string topic) =>
        Key(type, "RunId")
        ?? Key(type, Pascal(topic) + "Id")
        ?? type.GetProperties().FirstOrDefault(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && IsKeyType(p.PropertyType))
        ?? Key(type, "Name")
        ?? Key(type, "Service");

    private static PropertyInfo? Key(Type type, string name) =>
        type.GetProperty(name) is { } property && IsKeyType(property.PropertyType) ? property : null;

    private static bool IsKeyType(Type type) => type == typeof(Guid) || type == typeof(string);

    private static string Pascal(string topic) => char.ToUpperInvariant(topic[0]) + topic[1..];

    private static string? Format(object? value) => value switch
    {
        Guid id when id != Guid.Empty => id.ToString("D"),
        string text when text.Length > 0 => text,
        _ => null,
    };
}
