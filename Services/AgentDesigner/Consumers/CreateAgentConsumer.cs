using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class CreateAgentConsumer(AgentCommands commands, CommandRefusals refusals, ILogger<CreateAgentConsumer> logger) : IConsumer<CreateAgent>
{
    public async Task Consume(ConsumeContext<CreateAgent> context)
    {
        var command = context.Message;
        var definition = new AgentDefinition(command.Name, command.Model, command.Specialization, command.Config, command.Capabilities);
        var result = await commands.CreateAsync(command.AgentId, definition, command.Status, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
