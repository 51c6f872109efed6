using System.Reflection;
using System.Text;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;

namespace AgentLightning.Infrastructure.Messaging.Events;

/// <summary>
/// Every event of the Contracts assembly, by the structural rule <see cref="CommandCatalog"/> uses the other way
/// round: a public sealed record of a known context that carries OccurredAt. A new event needs no registration to
/// reach the WebSocket feed or a webhook.
/// </summary>
public static class EventCatalog
{
    /// <summary>A run of a workflow is the Transaction Coordinator's saga: it publishes the run's events.</summary>
    private static readonly HashSet<string> RunEvents = new(StringComparer.Ordinal)
    {
        "WorkflowStarted", "WorkflowStepCompleted", "WorkflowCompleted", "WorkflowFailed", "WorkflowCancelled",
    };

    private static readonly Dictionary<Type, EventDescriptor> ByType = Scan(typeof(AgentCreated).Assembly)
        .ToDictionary(d => d.MessageType);

    public static IReadOnlyList<EventDescriptor> All { get; } = [.. ByType.Values.OrderBy(d => d.Channel, StringComparer.Ordinal)];

    /// <summary>Null for a type that is not an event contract.</summary>
    public static EventDescriptor? Find(Type type) => ByType.GetValueOrDefault(type);

    public static EventDescriptor Of<T>() =>
        Find(typeof(T)) ?? throw new ArgumentException($"{typeof(T).FullName} is not an event contract.", nameof(T));

    private static IEnumerable<EventDescriptor> Scan(Assembly contracts) =>
        contracts.GetExportedTypes()
            .Where(t => t.IsSealed && CommandCatalog.IsRecord(t) && t.GetProperty("OccurredAt")?.PropertyType == typeof(DateTimeOffset))
            .Select(t => (Type: t, Owner: CommandRouting.TryOwnerOf(t)))
            .Where(e => e.Owner is not null)
            .Select(e => Describe(e.Type, RunEvents.Contains(e.Type.Name) ? ServiceNames.TransactionCoordinator : e.Owner!));

    private static EventDescriptor Describe(Type type, string service)
    {
        var words = Words(type.Name);
        var topic = words[0];
        var channel = topic + ":" + string.Join('-', words.Skip(1));
        return new EventDescriptor(type, topic, channel, service);
    }

    /// <summary><c>ModelCapacityReserved</c> → model, capacity, reserved.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(char.ToLowerInvariant(c));
        }

        words.Add(word.ToString());
        return words;
    }
}
