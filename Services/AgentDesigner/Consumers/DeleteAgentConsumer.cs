using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class DeleteAgentConsumer(AgentCommands commands, CommandRefusals refusals, ILogger<DeleteAgentConsumer> logger) : IConsumer<DeleteAgent>
{
    public async Task Consume(ConsumeContext<DeleteAgent> context)
    {
        var command = context.Message;
        var result = await commands.DeleteAsync(command.AgentId, command.ExpectedVersion, context, context.CancellationToken);
        await context.ReportAsync(result, refusals, logger, absentIsDone: true);
    }
}
