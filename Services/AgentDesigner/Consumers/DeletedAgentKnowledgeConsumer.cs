using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

/// <summary>
/// Knowledge belongs to its agent: once the agent's deletion is committed, its items go too, each announced as
/// KnowledgeDeleted. Driven by the event rather than done in the agent's transaction, so deleting an agent with
/// many items stays one small commit, and the inbox and retries make the clean-up complete exactly once.
/// </summary>
internal sealed partial class DeletedAgentKnowledgeConsumer(KnowledgeCommands knowledge, ILogger<DeletedAgentKnowledgeConsumer> logger)
    : IConsumer<AgentDeleted>
{
    public async Task Consume(ConsumeContext<AgentDeleted> context)
    {
        var deleted = await knowledge.DeleteAllOfAgentAsync(context.Message.AgentId, context, context.CancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, context.Message.AgentId);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} knowledge item(s) of deleted agent {AgentId}")]
    private static partial void LogDeleted(ILogger logger, int count, string agentId);
}
