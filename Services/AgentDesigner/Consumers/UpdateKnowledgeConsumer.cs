using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class UpdateKnowledgeConsumer(KnowledgeCommands commands, CommandRefusals refusals, ILogger<UpdateKnowledgeConsumer> logger) : IConsumer<UpdateKnowledge>
{
    public async Task Consume(ConsumeContext<UpdateKnowledge> context)
    {
        var command = context.Message;
        var definition = new KnowledgeDefinition(command.Category, command.Content, command.Source, command.Metadata, command.RelevanceScore);
        var result = await commands.UpdateAsync(command.KnowledgeId, definition, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
