using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class AddKnowledgeConsumer(KnowledgeCommands commands, CommandRefusals refusals, ILogger<AddKnowledgeConsumer> logger) : IConsumer<AddKnowledge>
{
    public async Task Consume(ConsumeContext<AddKnowledge> context)
    {
        var command = context.Message;
        var definition = new KnowledgeDefinition(command.Category, command.Content, command.Source, command.Metadata, command.RelevanceScore);
        var result = await commands.AddAsync(command.KnowledgeId, command.AgentId, definition, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
