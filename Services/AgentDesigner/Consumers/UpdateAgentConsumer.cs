using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class UpdateAgentConsumer(AgentCommands commands, CommandRefusals refusals, ILogger<UpdateAgentConsumer> logger) : IConsumer<UpdateAgent>
{
    public async Task Consume(ConsumeContext<UpdateAgent> context)
    {
        var command = context.Message;
        var definition = new AgentDefinition(command.Name, command.Model, command.Specialization, command.Config, command.Capabilities);
        var result = await commands.UpdateAsync(command.AgentId, definition, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger);
    }
}
