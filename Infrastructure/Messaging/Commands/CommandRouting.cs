namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// One writer per aggregate: the context a command's contract lives in (its namespace) names the service that
/// owns it, and that service consumes its commands from one queue named after itself. The few commands of a
/// context that another service owns are named one by one.
/// </summary>
public static class CommandRouting
{
    /// <summary>A run of a workflow is the Transaction Coordinator's saga; Workflow Engine owns only the definitions.</summary>
    private static readonly Dictionary<Type, string> OwnerByCommand = new()
    {
        [typeof(Contracts.Workflows.StartWorkflow)] = ServiceNames.TransactionCoordinator,
        [typeof(Contracts.Workflows.CancelWorkflow)] = ServiceNames.TransactionCoordinator,
    };

    private static readonly Dictionary<string, string> OwnerByContext = new(StringComparer.Ordinal)
    {
        ["Agents"] = ServiceNames.AgentDesigner,
        ["Knowledge"] = ServiceNames.AgentDesigner,
        ["Tasks"] = ServiceNames.WorkflowEngine,
        ["Workflows"] = ServiceNames.WorkflowEngine,
        ["Integrations"] = ServiceNames.IntegrationHub,
        ["Models"] = ServiceNames.AiModel,
        ["Identity"] = ServiceNames.Auth,
        ["System"] = ServiceNames.Operations,
        ["Provisioning"] = ServiceNames.TransactionCoordinator,
    };

    public static string OwnerOf(Type command) =>
        TryOwnerOf(command) ?? throw new ArgumentException($"{command.FullName} is not a contract of a known context.", nameof(command));

    /// <summary>Null for a type outside the contracts' context namespaces.</summary>
    public static string? TryOwnerOf(Type command)
    {
        if (OwnerByCommand.TryGetValue(command, out var named))
        {
            return named;
        }

        var context = command.Namespace?[(command.Namespace.LastIndexOf('.') + 1)..];
        return context is not null && command.Namespace!.StartsWith("AgentLightning.Contracts.", StringComparison.Ordinal)
            && OwnerByContext.TryGetValue(context, out var owner)
                ? owner
                : null;
    }

    public static string QueueOf(Type command, string queuePrefix) => queuePrefix + OwnerOf(command);
}
