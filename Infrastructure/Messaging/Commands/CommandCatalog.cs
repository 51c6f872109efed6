using System.Reflection;
using AgentLightning.Contracts.Agents;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// Every command of the Contracts assembly, found by a structural rule so a new contract needs no registration:
/// a public sealed record of a context <see cref="CommandRouting"/> knows that is not an event (events carry
/// OccurredAt), not a reply (its name ends in NotFound) and not a value carried inside another contract
/// (a property type of another record, like WorkflowStep).
/// </summary>
public static class CommandCatalog
{
    private const string EventMarker = "OccurredAt";
    private const string ReplySuffix = "NotFound";

    public static IReadOnlyDictionary<string, Type> ByName { get; } = Scan(typeof(CreateAgent).Assembly)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Case-sensitive, like the contract names in message types and queues.</summary>
    public static Type? Find(string name) => ByName.GetValueOrDefault(name);

    private static IEnumerable<Type> Scan(Assembly contracts)
    {
        var records = contracts.GetExportedTypes().Where(t => t.IsSealed && IsRecord(t) && CommandRouting.TryOwnerOf(t) is not null).ToList();
        var values = records.SelectMany(t => t.GetProperties().SelectMany(p => TypesIn(p.PropertyType))).ToHashSet();
        return records
            .Where(t => t.GetProperty(EventMarker) is null && !t.Name.EndsWith(ReplySuffix, StringComparison.Ordinal) && !values.Contains(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
    }

    internal static bool IsRecord(Type type) =>
        type.IsClass && type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    /// <summary>The type itself and its generic arguments and element type: a list of steps carries steps.</summary>
    private static IEnumerable<Type> TypesIn(Type type) =>
        type.IsArray ? TypesIn(type.GetElementType()!) : [type, .. type.GetGenericArguments().SelectMany(TypesIn)];
}
