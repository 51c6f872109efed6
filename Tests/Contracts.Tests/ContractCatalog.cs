using System.Reflection;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Workflows;

namespace AgentLightning.Contracts.Tests;

/// <summary>
/// The rule that finds the messages: every public sealed record of a context namespace, except the few
/// records that only travel inside a message. Anything else public in Contracts must be a static class
/// (a status vocabulary or a helper), so a new message cannot escape the tests by being shaped differently.
/// </summary>
internal static class ContractCatalog
{
    public const string RootNamespace = "AgentLightning.Contracts";

    public static readonly Assembly Assembly = typeof(CreateAgent).Assembly;

    public static readonly IReadOnlyList<string> Contexts =
        ["Agents", "Tasks", "Workflows", "Knowledge", "Integrations", "Models", "Identity", "System", "Provisioning"];

    public static readonly IReadOnlyList<Type> ValueTypes = [typeof(WorkflowStep), typeof(Provisioning.ProvisioningWebhook)];

    public static IReadOnlyList<Type> PublicTypes { get; } =
        [.. Assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static IReadOnlyList<Type> Messages { get; } =
        [.. PublicTypes.Where(t => t.IsSealed && IsRecord(t) && Context(t) is not null && !ValueTypes.Contains(t))];

    public static IReadOnlyList<Type> StaticClasses { get; } = [.. PublicTypes.Where(t => t.IsAbstract && t.IsSealed)];

    public static bool IsRecord(Type type) =>
        type.IsClass && type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    public static string? Context(Type type)
    {
        var prefix = RootNamespace + ".";
        var context = type.Namespace is { } ns && ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..] : null;
        return context is not null && Contexts.Contains(context) ? context : null;
    }

    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
}
