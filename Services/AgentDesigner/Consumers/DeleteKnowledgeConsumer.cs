using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class DeleteKnowledgeConsumer(KnowledgeCommands commands, CommandRefusals refusals, EventLogReader log, ILogger<DeleteKnowledgeConsumer> logger) : IConsumer<DeleteKnowledge>
{
    public async Task Consume(ConsumeContext<DeleteKnowledge> context)
    {
        var command = context.Message;
        var result = await commands.DeleteAsync(command.KnowledgeId, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportDeleteAsync(result, refusals, log, logger);
    }
}
